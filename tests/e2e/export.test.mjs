// Exports for a board paper: the chart as PNG (2×) and SVG, and the pooled budget as CSV,
// each downloaded through the page and checked as a file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Papa from 'papaparse';
import { onAFreshPageEachTest } from './helpers.mjs';

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

const figure = (title) => page.getByRole('figure', { name: title });

test('the chart downloads as a 2× PNG and as an SVG with its title and source line', async () => {
  const byFunder = figure('Ringfenced and flexible money by funder');
  const png = await downloadFrom('Download PNG', byFunder);
  assert.match(png.name, dated('ringfenced-flexible-by-funder-county-durham-illustrative', 'png'));
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.bytes.readUInt32BE(16), 2000, 'width: 1000 px at 2×');
  assert.ok(png.bytes.length > 20_000, `a drawn image, not a blank one (${png.bytes.length} bytes)`);

  const svg = await downloadFrom('Download SVG', byFunder);
  assert.match(svg.name, dated('ringfenced-flexible-by-funder-county-durham-illustrative', 'svg'));
  const text = svg.bytes.toString('utf8');
  const parses = await page.evaluate((source) => {
    const document = new DOMParser().parseFromString(source, 'image/svg+xml');
    return document.querySelector('parsererror') === null && document.documentElement.nodeName === 'svg';
  }, text);
  assert.ok(parses, 'the SVG parses');
  assert.match(text, /Ringfenced and flexible money by funder/);
  assert.match(text, /Source: County Durham \(illustrative\)\. Made with grantpool on \d{4}-\d{2}-\d{2}\./);
  assert.match(text, /Home Office/);

  const pair = figure('Ringfenced and flexible money, today and with your pots');
  const pairSvg = await downloadFrom('Download SVG', pair);
  assert.match(pairSvg.name, dated('ringfenced-flexible-before-after-county-durham-illustrative', 'svg'));
  assert.match(pairSvg.bytes.toString('utf8'), /Today/);
  assert.match(pairSvg.bytes.toString('utf8'), /With your pots/);
  const pairPng = await downloadFrom('Download PNG', pair);
  assert.equal(pairPng.bytes.readUInt32BE(16), 2000);
  assert.deepEqual(errors, []);
});

test('the pooled budget CSV has every line with its pot, a pot summary, and reconciles with the page', async () => {
  await page.getByRole('button', { name: 'New pot' }).click();
  await page.getByRole('region', { name: 'Funding map' }).getByRole('checkbox', { name: 'Home Office' }).check();
  await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
  await page.getByRole('region', { name: 'Pot 1' }).getByText('340 lines from 1 funder').waitFor();

  const csv = await downloadFrom('Export pooled budget (CSV)');
  assert.match(csv.name, dated('pooled-budget-county-durham-illustrative', 'csv'));
  const text = csv.bytes.toString('utf8').replace(/^\uFEFF/, '');
  const [lines, summary] = text.split(/\r?\n""\r?\n/);
  const { data: rows } = Papa.parse(lines, { header: true, skipEmptyLines: true });
  assert.equal(rows.length, 1685);
  const totalPence = rows.reduce((sum, row) => sum + Math.round(Number(row['Amount (£)']) * 100), 0);
  const shown = await page.getByTestId('figure-total').innerText();
  assert.equal(`£${Math.round(totalPence / 100).toLocaleString('en-GB')}`, shown);
  const inPot = rows.filter((row) => row.Pot === 'Pot 1');
  assert.equal(inPot.length, 340);
  assert.ok(inPot.every((row) => row.Funder === 'Home Office' && row['Ringfenced with pots'] === 'Flexible'));
  const { data: pots } = Papa.parse(summary, { header: true, skipEmptyLines: true });
  const whole = pots.find((row) => row['Pot summary'] === 'Whole place');
  assert.equal(Math.round(Number(whole['Amount (£)']) * 100), totalPence);
  assert.equal(pots.find((row) => row['Pot summary'] === 'Pot 1').Lines, '340');
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
