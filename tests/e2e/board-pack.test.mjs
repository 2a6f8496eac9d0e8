// The board pack made for A4: printed to PDF from the County Durham sample with two pots, and
// read back with a PDF text extractor (pdfjs-dist): no text under 9 pt, no near-empty page,
// page numbers, a page for each pot, the edited title and the commentary. Figures come from
// the sample file (PapaParse), not from grantpool.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ROOT, durhamRows, pence, streamKey } from '../support/oracle.mjs';
import { onAFreshPageEachTest, regionsOf } from '../support/page.mjs';

let page;
let errors;
onAFreshPageEachTest((fresh, pageErrors) => {
  page = fresh;
  errors = pageErrors;
});
const { pot, map } = regionsOf(() => page);

/** Each page's text items with their font size in points, from the PDF itself. */
async function pdfPages(bytes) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: true }).promise;
  const pages = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    const items = content.items
      .filter((item) => item.str.trim() !== '')
      .map((item) => ({ text: item.str, points: Math.hypot(item.transform[2], item.transform[3]) }));
    pages.push({ items, text: items.map((i) => i.text).join(' ') });
  }
  return pages;
}

async function makePot(name, funders, policy) {
  await page.getByRole('button', { name: 'New pot' }).click();
  const created = page.getByRole('region', { name: /^Pot \d+$/ }).last();
  const label = await created.getAttribute('aria-label');
  for (const funder of funders) await map().getByRole('checkbox', { name: funder }).check();
  await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
  await pot(label).getByText(/lines from/).waitFor();
  await pot(label).getByText('Settings').click();
  if (policy) await pot(label).getByLabel('Policy').selectOption({ label: policy });
  await pot(label).getByLabel('Name').fill(name);
  await pot(label).getByLabel('Name').press('Enter');
  await pot(name).waitFor();
}

test('the board pack prints to A4 with every text at 9 pt or more, a page for each pot, page numbers and commentary', async () => {
  const rows = durhamRows();
  await makePot('Safer communities', ['Home Office', 'Ministry of Justice'], null);
  await makePot('Children and families', ['Department for Education'], 'Aligned: keeps the ringfence');
  await page.getByRole('button', { name: 'Board pack (print view)' }).click();
  const pack = page.getByRole('article', { name: 'Funding in County Durham (illustrative): board pack' });
  await pack.waitFor();
  // The subtitle names the scenario; the person can change the title.
  assert.equal(await page.getByLabel('Subtitle').inputValue(), 'Redesigned as 2 pots: Safer communities; Children and families');
  await page.getByLabel('Title', { exact: true }).fill('Durham: the case for a single pot');
  await page.getByRole('article', { name: 'Durham: the case for a single pot' }).waitFor();
  await page.getByLabel('Commentary: Summary').fill('Most of the money is ringfenced today.');
  await page.getByLabel('Commentary: pot Safer communities').fill('Policing and justice grants pooled.');

  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  mkdirSync(`${ROOT}target/e2e`, { recursive: true });
  writeFileSync(`${ROOT}target/e2e/board-pack.pdf`, pdf);
  const pages = await pdfPages(pdf);

  // Every text at least 9 pt, on every page (a rounding tolerance of 0.05 pt).
  const small = pages.flatMap((p, i) => p.items.filter((item) => item.points < 8.95).map((item) => `page ${i + 1}: “${item.text}” at ${item.points.toFixed(2)} pt`));
  assert.deepEqual(small, [], 'no text under 9 pt');
  // No near-empty page: each carries at least 150 characters besides its page number.
  pages.forEach((p, i) => {
    const body = p.text.replace(/Page \d+ of \d+/, '').replace(/\s+/g, ' ').trim();
    assert.ok(body.length >= 150, `page ${i + 1} is near-empty: “${body}”`);
  });
  // Page numbers, the edited title, the sources and the contents line.
  pages.forEach((p, i) => assert.match(p.text, new RegExp(`Page ${i + 1} of ${pages.length}`)));
  assert.match(pages[0].text, /Durham: the case for a single pot/);
  assert.match(pages[0].text, /Source: County Durham \(illustrative\)/);
  assert.match(pages[0].text, /Contents: Summary · Fragmentation measures · Cost assumptions · The pots · a page for each pot · Charts/);
  assert.match(pages[0].text, /Most of the money is ringfenced today\./);

  // A page for each pot: its policy in words and its money, worked from the sample file.
  const potPage = (name) => pages.find((p) => p.text.includes(`Pot: ${name}`));
  const safer = potPage('Safer communities');
  const children = potPage('Children and families');
  assert.ok(safer && children, 'each pot has its page');
  assert.notEqual(safer, children);
  assert.match(safer.text, /Pooled: one budget for the place/);
  assert.match(children.text, /Aligned: managed together as one budget/);
  assert.match(safer.text, /Policing and justice grants pooled\./);
  const gbp = (p) => `£${(p / 100).toLocaleString('en-GB', { minimumFractionDigits: p % 100 ? 2 : 0 })}`;
  const saferPence = rows.filter((r) => ['Home Office', 'Ministry of Justice'].includes(r['Funding Org:Name'])).reduce((s, r) => s + pence(r), 0);
  const dfePence = rows.filter((r) => r['Funding Org:Name'] === 'Department for Education').reduce((s, r) => s + pence(r), 0);
  assert.ok(safer.text.includes(gbp(saferPence)), `Safer communities holds ${gbp(saferPence)}`);
  assert.ok(children.text.includes(gbp(dfePence)), `Children and families holds ${gbp(dfePence)}`);
  assert.match(safer.text, /Funders in this pot/);
  assert.match(safer.text, /Home Office/);

  // The measures have a change column; the charts print as text (their titles are found).
  const all = pages.map((p) => p.text).join(' ');
  assert.match(all, /Measure Today With your pots Change/);
  const pooled = ['Home Office', 'Ministry of Justice', 'Department for Education'];
  const streamsToday = new Set(rows.map(streamKey)).size;
  const streamsAfter = new Set(rows.filter((r) => !pooled.includes(r['Funding Org:Name'])).map(streamKey)).size + 2;
  assert.ok(
    all.includes(`Measure Today With your pots Change ${streamsToday} ${streamsAfter} −${streamsToday - streamsAfter}`),
    `funding streams ${streamsToday} → ${streamsAfter} with its change`,
  );
  assert.match(all, /Where the money goes: funders to pots/);

  // The title and the commentary are saved with the work.
  await page.getByText('Your work is saved in this browser.').waitFor();
  await page.reload();
  await page.getByTestId('figure-lines').waitFor();
  await page.getByRole('button', { name: 'Board pack (print view)' }).click();
  await page.getByRole('article', { name: 'Durham: the case for a single pot' }).waitFor();
  assert.equal(await page.getByLabel('Commentary: pot Safer communities').inputValue(), 'Policing and justice grants pooled.');
  assert.deepEqual(errors, []);
});
