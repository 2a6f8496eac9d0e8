// Several named scenarios for a place: made, copied, renamed, compared side by side against
// today, deleted (asking first, and undone) and found again after a reload; each pot's notes
// and outcomes and the cost assumptions, printed in the board pack with the comparison.
// Expected figures come from the sample file (PapaParse), not from grantpool.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ROOT, durhamRows, streamKey } from '../support/oracle.mjs';
import { onAFreshPageEachTest, regionsOf } from '../support/page.mjs';

let page;
let errors;
onAFreshPageEachTest((fresh, pageErrors) => {
  page = fresh;
  errors = pageErrors;
});
const { pot, map, region, messages } = regionsOf(() => page);
const rows = durhamRows();
const streams = (list) => new Set(list.map(streamKey)).size;
const without = (...funders) => rows.filter((r) => !funders.includes(r['Funding Org:Name']));
const picker = () => page.getByLabel('Scenario', { exact: true });

async function pool(funder) {
  await page.getByRole('button', { name: 'New pot' }).click();
  const made = page.getByRole('region', { name: /^Pot \d+$/ }).last();
  const name = await made.getAttribute('aria-label');
  await map().getByRole('checkbox', { name: funder }).check();
  await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
  await pot(name).getByText(/lines from 1 funder/).waitFor();
  return name;
}

test('scenarios are made, copied, renamed, compared with today, deleted and undone, and kept after a reload', async () => {
  await pool('Home Office');
  await page.getByRole('button', { name: 'New scenario' }).click();
  assert.equal(await picker().locator('option:checked').innerText(), 'Scenario 2');
  assert.equal(await pot('Pot 1').count(), 0, 'a new scenario has no pots');
  await pool('Department for Transport');
  await page.getByRole('button', { name: 'Duplicate scenario' }).click();
  assert.equal(await picker().locator('option:checked').innerText(), 'Copy of Scenario 2');
  await pot('Pot 1').getByText(`${rows.length - without('Department for Transport').length} lines from 1 funder`).waitFor();
  await page.getByRole('button', { name: 'Rename scenario' }).click();
  await page.getByLabel('New name').fill('Transport and justice');
  await page.getByLabel('New name').press('Enter');
  await messages().getByText('Renamed “Copy of Scenario 2” to “Transport and justice”.').waitFor();
  await map().getByRole('checkbox', { name: 'Ministry of Justice' }).check();
  await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
  await pot('Pot 1').getByText(/lines from 2 funders/).waitFor();

  // Each scenario keeps its own pots: back to the first, Home Office is pooled.
  await picker().selectOption({ label: 'Scenario 1' });
  const home = rows.length - without('Home Office').length;
  await pot('Pot 1').getByText(`${home} lines from 1 funder`).waitFor();

  // Compared with today: streams today and under each, with the change.
  await page.getByRole('button', { name: 'Compare scenarios' }).click();
  const comparison = region('Scenario comparison');
  const today = streams(rows);
  const expected = [
    ['Scenario 1', streams(without('Home Office')) + 1],
    ['Scenario 2', streams(without('Department for Transport')) + 1],
    ['Transport and justice', streams(without('Department for Transport', 'Ministry of Justice')) + 1],
  ];
  const header = await comparison.getByRole('columnheader').allInnerTexts();
  assert.deepEqual(header, ['Measure', 'Today', ...expected.flatMap(([name]) => [name, `${name}: change`])]);
  const row = await comparison.getByRole('row', { name: /^Funding streams/ }).locator('td').allInnerTexts();
  assert.deepEqual(row, [String(today), ...expected.flatMap(([, n]) => [String(n), `−${today - n}`])]);
  assert.match(await comparison.getByRole('img').getAttribute('aria-label'), /^Ringfenced and flexible money, today and under each scenario\. Ringfenced: [\d.]+% today; /);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    comparison.getByRole('button', { name: 'Export comparison (CSV)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^grantpool-scenario-comparison-/);

  // Deleting asks first; Undo brings the scenario back with its pots.
  await picker().selectOption({ label: 'Scenario 2' });
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByRole('button', { name: 'Delete scenario' }).click();
  assert.equal(await picker().locator('option').count(), 3, 'kept when the person says no');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Delete scenario' }).click();
  await messages().getByText('Deleted the scenario “Scenario 2”. Undo brings it back.').waitFor();
  assert.deepEqual(await picker().locator('option').allInnerTexts(), ['Scenario 1', 'Transport and justice']);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual(await picker().locator('option').allInnerTexts(), ['Scenario 1', 'Scenario 2', 'Transport and justice']);
  assert.equal(await picker().locator('option:checked').innerText(), 'Scenario 2');
  await pot('Pot 1').getByText(/lines from 1 funder/).waitFor();

  await page.waitForTimeout(700);
  await page.reload();
  await page.getByTestId('figure-lines').waitFor();
  assert.deepEqual(await picker().locator('option').allInnerTexts(), ['Scenario 1', 'Scenario 2', 'Transport and justice']);
  assert.equal(await picker().locator('option:checked').innerText(), 'Scenario 2');
  await picker().selectOption({ label: 'Transport and justice' });
  await pot('Pot 1').getByText(/lines from 2 funders/).waitFor();
  // Undo after a reload takes back this scenario's own last edit.
  await page.getByRole('button', { name: 'Undo' }).click();
  await pot('Pot 1').getByText(/lines from 1 funder/).waitFor();
  assert.deepEqual(errors, []);
});

test('a pot’s notes and outcomes and the cost assumptions print in the board pack with the comparison', async () => {
  await pool('Home Office');
  await pot('Pot 1').getByText(/^Notes and outcomes/).click();
  await pot('Pot 1').getByLabel('Notes').fill('One budget for community safety.');
  await pot('Pot 1').getByLabel('Notes').press('Tab');
  await pot('Pot 1').getByLabel('New outcome').fill('fewer repeat victims');
  await pot('Pot 1').getByRole('button', { name: 'Add outcome' }).click();
  await pot('Pot 1').getByText('Notes and outcomes (1)').waitFor();
  // Undo takes the outcome back; Redo makes it again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await pot('Pot 1').getByText('Notes and outcomes (0)').waitFor();
  await page.getByRole('button', { name: 'Redo' }).click();
  await pot('Pot 1').getByText('Notes and outcomes (1)').waitFor();

  // Cost assumptions: not estimated until a reporting cost is given.
  const costs = region('Cost assumptions');
  await costs.getByText('£25,000').first().waitFor();
  assert.match(await costs.getByTestId('cost-estimate').innerText(), /not estimated today, not estimated with your pots/);
  await costs.getByLabel('Cost of reporting on one stream for a year (£)').fill('not a number');
  await costs.getByLabel('Cost of reporting on one stream for a year (£)').press('Tab');
  await costs.getByRole('alert').getByText(/“not a number” is not an amount of money/).waitFor();
  await costs.getByLabel('Cost of reporting on one stream for a year (£)').fill('1,500');
  await costs.getByLabel('Cost of reporting on one stream for a year (£)').press('Tab');
  // Today: streams with competed money × £25,000 + stream-years × £1,500, from the file. A
  // row giving two methods ("Competed; Un-competed") does not say it was competed.
  const competed = (row) => row['Allocation Method'].trim() === 'General Grants - Competed';
  const byStream = new Map();
  for (const row of rows) {
    const s = byStream.get(streamKey(row)) ?? { competed: false, years: new Set() };
    s.competed ||= competed(row);
    const date = row['Award Date'];
    if (date) {
      const [y, m] = date.split('-').map(Number);
      s.years.add(m >= 4 ? y : y - 1);
    }
    byStream.set(streamKey(row), s);
  }
  const bids = [...byStream.values()].filter((s) => s.competed).length;
  const streamYears = [...byStream.values()].reduce((n, s) => n + Math.max(1, s.years.size), 0);
  const today = `£${(bids * 25000 + streamYears * 1500).toLocaleString('en-GB')}`;
  assert.match(await costs.getByTestId('cost-estimate').innerText(), new RegExp(`^Estimated bidding and reporting cost: ${today} today`));

  await page.getByRole('button', { name: 'Duplicate scenario' }).click();
  await page.getByRole('button', { name: 'Board pack (print view)' }).click();
  await page.getByRole('article').waitFor();
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  mkdirSync(`${ROOT}target/e2e`, { recursive: true });
  writeFileSync(`${ROOT}target/e2e/board-pack-scenarios.pdf`, pdf);
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    text += ` ${(await (await doc.getPage(n)).getTextContent()).items.map((i) => i.str).join(' ')}`;
  }
  text = text.replace(/\s+/g, ' ');
  assert.match(text, /Scenario: Copy of Scenario 1 \(one of 2; the comparison is near the end\)/);
  assert.match(text, /Notes One budget for community safety\./);
  assert.match(text, /Outcomes fewer repeat victims/);
  assert.match(text, /Cost of reporting on one stream for a year £1,500/);
  assert.match(text, new RegExp(`Estimated bidding and reporting cost, today → with the pots ${today} →`));
  assert.match(text, /Scenario comparison .*Measures today and under each scenario Measure Today Scenario 1 Scenario 1: change Copy of Scenario 1/);
  assert.match(text, /Localis for the Local Government Association/);
  assert.deepEqual(errors, []);
});
