// Exports for a board paper: the pooled budget as CSV, downloaded through the page and checked
// as a file. (Chart downloads are tested in charts.test.mjs.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Papa from 'papaparse';
import { onAFreshPageEachTest } from '../support/page.mjs';
import { durhamLines, homeOfficeLines } from '../support/oracle.mjs';

let page;
let errors;
onAFreshPageEachTest((fresh, pageErrors) => {
  page = fresh;
  errors = pageErrors;
});

async function downloadFrom(name, within = page) {
  const [download] = await Promise.all([page.waitForEvent('download'), within.getByRole('button', { name }).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

const dated = (stem, extension) => new RegExp(`^grantpool-${stem}-\\d{4}-\\d{2}-\\d{2}\\.${extension}$`);


test('the pooled budget CSV has every line with its pot, a pot summary, and reconciles with the page', async () => {
  await page.getByRole('button', { name: 'New pot' }).click();
  await page.getByRole('region', { name: 'Funding map' }).getByRole('checkbox', { name: 'Home Office' }).check();
  await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
  await page.getByRole('region', { name: 'Pot 1' }).getByText(`${homeOfficeLines()} lines from 1 funder`).waitFor();

  const csv = await downloadFrom('Export pooled budget (CSV)');
  assert.match(csv.name, dated('pooled-budget-county-durham-illustrative', 'csv'));
  const text = csv.bytes.toString('utf8').replace(/^\uFEFF/, '');
  const [lines, summary] = text.split(/\r?\n""\r?\n/);
  const { data: rows } = Papa.parse(lines, { header: true, skipEmptyLines: true });
  assert.equal(rows.length.toLocaleString('en-GB'), durhamLines());
  const totalPence = rows.reduce((sum, row) => sum + Math.round(Number(row['Amount (£)']) * 100), 0);
  const shown = await page.getByTestId('figure-total').innerText();
  assert.equal(`£${Math.round(totalPence / 100).toLocaleString('en-GB')}`, shown);
  const inPot = rows.filter((row) => row.Pot === 'Pot 1');
  assert.equal(inPot.length, homeOfficeLines());
  assert.ok(inPot.every((row) => row.Funder === 'Home Office' && row['Ringfenced with pots'] === 'Flexible'));
  const { data: pots } = Papa.parse(summary, { header: true, skipEmptyLines: true });
  const whole = pots.find((row) => row['Pot summary'] === 'Whole place');
  assert.equal(Math.round(Number(whole['Amount (£)']) * 100), totalPence);
  assert.equal(pots.find((row) => row['Pot summary'] === 'Pot 1').Lines, String(homeOfficeLines()));
});

test('cells that would run as spreadsheet formulas are escaped, and clawbacks stay numbers', async () => {
  const risky = 'Funder,Recipient,Amount\nDfT,"=HYPERLINK(""http://example.invalid"",""x"")",100\nMoJ,@SUM(A1),(250)\n';
  await page.getByLabel('Choose files…').setInputFiles({ name: 'risky.csv', mimeType: 'text/csv', buffer: Buffer.from(risky) });
  await page.getByRole('button', { name: 'Import “risky.csv”' }).click();
  await page.getByRole('region', { name: 'Import summary' }).filter({ hasText: 'risky.csv' }).waitFor();
  const csv = await downloadFrom('Export pooled budget (CSV)');
  const [lines] = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n""\r?\n/);
  const { data: rows } = Papa.parse(lines, { header: true, skipEmptyLines: true });
  assert.equal(rows[0].Recipient, `'=HYPERLINK("http://example.invalid","x")`);
  assert.equal(rows[1].Recipient, "'@SUM(A1)");
  assert.equal(rows[1]['Amount (£)'], '-250.00');
});
