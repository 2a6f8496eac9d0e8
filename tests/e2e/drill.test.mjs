// Every figure opens its lines: a bar, a flow band, a flow node, a table row, a map group and a
// measure open "Lines behind the selection" by mouse and by keyboard, with a count and an exact
// total equal to the tooltip, the table and the sample file (PapaParse, not grantpool); the
// lines move to a pot and export as CSV; filters narrow every figure and come back after a
// reload. Escape returns the focus to where it came from.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Papa from 'papaparse';
import { durhamRows, pence } from '../support/oracle.mjs';
import { onAFreshPageEachTest, regionsOf } from '../support/page.mjs';

let page;
let errors;
onAFreshPageEachTest((fresh, pageErrors) => {
  page = fresh;
  errors = pageErrors;
});
const { pot, map, region, messages } = regionsOf(() => page);
const rows = durhamRows();
const gbp = (p) => `£${Math.floor(p / 100).toLocaleString('en-GB')}${p % 100 ? `.${String(p % 100).padStart(2, '0')}` : ''}`;
const lines = (n) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'line' : 'lines'}`;
const of = (funder) => rows.filter((r) => r['Funding Org:Name'] === funder);
const total = (list) => list.reduce((sum, r) => sum + pence(r), 0);
const panel = () => region('Lines behind the selection');
const shown = async () => [
  await panel().getByTestId('drill-what').innerText(),
  await panel().getByTestId('drill-count').innerText(),
  await panel().getByTestId('drill-total').innerText(),
];

/** Walks a chart's regions with the arrow keys until its tooltip matches; returns the text. */
async function reach(figureId, pattern) {
  const canvas = page.locator(`#${figureId} canvas`);
  await canvas.focus();
  for (let step = 0; step < 60; step++) {
    const text = await page.locator(`#${figureId} .chart-tooltip`).innerText();
    if (pattern.test(text)) return text;
    await canvas.press('ArrowDown');
  }
  throw new Error(`no region of ${figureId} matches ${pattern}`);
}

async function poolHomeOffice() {
  await page.getByRole('button', { name: 'New pot' }).click();
  await map().getByRole('checkbox', { name: 'Home Office' }).check();
  await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
  await pot('Pot 1').getByText(/lines from 1 funder/).waitFor();
}

test('a bar opens its lines by keyboard and by mouse, equal to its tooltip, its table row and the file', async () => {
  const home = of('Home Office');
  // By keyboard: the arrow keys reach the bar, Enter opens its lines.
  const tip = await reach('ringfenced-flexible-by-funder', /^Home Office:/);
  assert.match(tip, new RegExp(`^Home Office: ${gbp(total(home)).replace(/[.$]/g, '\\$&')} in ${home.length} lines`));
  await page.keyboard.press('Enter');
  await panel().waitFor();
  assert.deepEqual(await shown(), ['Home Office', lines(home.length), gbp(total(home))]);
  await messages().getByText(`Showing ${lines(home.length)}, ${gbp(total(home))}, behind Home Office.`).waitFor();
  // Narrowed to the ringfenced money: the file's ringfenced Home Office rows.
  await panel().getByRole('radio', { name: 'Ringfenced' }).check();
  const ringfenced = home.filter((r) => r.Ringfenced === 'Yes');
  assert.deepEqual(await shown(), ['Home Office, ringfenced', lines(ringfenced.length), gbp(total(ringfenced))]);
  // Escape closes the panel and the focus goes back to the chart.
  await page.keyboard.press('Escape');
  await panel().waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.startsWith('Ringfenced and flexible money by funder')), true);

  // By mouse: a click on the bar (where the keyboard's highlight shows it).
  await reach('ringfenced-flexible-by-funder', /^Home Office:/);
  const box = await page.locator('#ringfenced-flexible-by-funder .chart-highlight').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await panel().waitFor();
  assert.deepEqual(await shown(), ['Home Office', lines(home.length), gbp(total(home))]);
  await panel().getByRole('button', { name: 'Close' }).click();

  // The same row of the chart's table.
  const figure = page.locator('#ringfenced-flexible-by-funder');
  await figure.getByText('Show the numbers as a table').click();
  const row = figure.getByRole('row', { name: /^Home Office / });
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[0], String(home.length));
  assert.equal(cells.at(-1), gbp(total(home)));
  await row.getByRole('button', { name: 'Home Office', exact: true }).click();
  assert.deepEqual(await shown(), ['Home Office', lines(home.length), gbp(total(home))]);
  // The list shows the lines themselves, only those in view being drawn.
  const list = panel().getByRole('table', { name: 'The lines' });
  assert.equal(await list.getAttribute('aria-rowcount'), String(home.length + 1));
  const drawn = await list.locator('.line-body [role="row"]').count();
  assert.ok(drawn > 5 && drawn < 60, `only the rows in view are drawn (${drawn})`);
  assert.deepEqual(errors, []);
});

test('a flow band and a flow node open their lines; the lines move to a pot and export as CSV', async () => {
  await poolHomeOffice();
  const home = of('Home Office');
  const band = await reach('funders-to-pots', /^Home Office → Pot 1:/);
  assert.match(band, new RegExp(`in ${home.length} lines`));
  await page.keyboard.press('Enter');
  await panel().waitFor();
  assert.deepEqual(await shown(), ['Home Office → Pot 1', lines(home.length), gbp(total(home))]);
  await page.keyboard.press('Escape');
  // The same band by mouse, and its row of the chart's table.
  await reach('funders-to-pots', /^Home Office → Pot 1:/);
  const box = await page.locator('#funders-to-pots .chart-highlight').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  assert.deepEqual(await shown(), ['Home Office → Pot 1', lines(home.length), gbp(total(home))]);
  await page.keyboard.press('Escape');
  const flows = page.locator('#funders-to-pots');
  await flows.getByText('Show the numbers as a table').click();
  const flowRow = flows.getByRole('row', { name: /^Home Office Pot 1 / });
  assert.deepEqual(await flowRow.locator('td').allInnerTexts(), ['Pot 1', String(home.length), gbp(total(home))]);

  // The node "Not in a pot": every line but Home Office's.
  await reach('funders-to-pots', /^Not in a pot:/);
  await page.keyboard.press('Enter');
  const rest = rows.filter((r) => r['Funding Org:Name'] !== 'Home Office');
  assert.deepEqual(await shown(), ['Not in a pot', lines(rest.length), gbp(total(rest))]);
  await page.keyboard.press('Escape');

  // A map group by keyboard, then by mouse; then Move these lines to pot: one step Undo takes
  // back.
  const transport = of('Department for Transport');
  await map().getByRole('button', { name: 'Lines behind Department for Transport' }).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await shown(), ['Department for Transport (not in a pot)', lines(transport.length), gbp(total(transport))]);
  await page.keyboard.press('Escape');
  await panel().waitFor({ state: 'detached' });
  await map().getByRole('button', { name: 'Lines behind Department for Transport' }).click();
  assert.deepEqual(await shown(), ['Department for Transport (not in a pot)', lines(transport.length), gbp(total(transport))]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel().getByRole('button', { name: 'Export these lines (CSV)' }).click(),
  ]);
  const csv = Papa.parse(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  assert.equal(csv.length, 1 + transport.length + 1, 'a header, the lines and a total row');
  assert.ok(csv.slice(1, -1).every((line) => line[2] === 'Department for Transport'));
  assert.deepEqual(csv.at(-1).slice(0, 2), ['Lines behind Department for Transport (not in a pot)', String(transport.length)]);
  assert.equal(Math.round(Number(csv.at(-1)[9]) * 100), total(transport));
  await panel().getByLabel('Pot').selectOption({ label: 'Pot 1' });
  await panel().getByRole('button', { name: 'Move these lines to pot' }).click();
  await pot('Pot 1').getByText(`${home.length + transport.length} lines from 2 funders`).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Undo' }).click();
  await pot('Pot 1').getByText(`${home.length} lines from 1 funder`).waitFor();
  assert.deepEqual(errors, []);
});

test('a measure opens the lines it counts, by keyboard and by mouse', async () => {
  await poolHomeOffice();
  const ringfenced = rows.filter((r) => r.Ringfenced === 'Yes' && r['Funding Org:Name'] !== 'Home Office');
  const measure = region('Measures').getByRole('button', { name: 'Ringfenced', exact: true });
  await measure.focus();
  await page.keyboard.press('Enter');
  await panel().waitFor();
  assert.deepEqual(await shown(), ['Ringfenced, with your pots', lines(ringfenced.length), gbp(total(ringfenced))]);
  await page.keyboard.press('Escape');
  await panel().waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Ringfenced');
  // By mouse: "Funding streams" counts every line.
  await region('Measures').getByRole('button', { name: 'Funding streams' }).click();
  assert.deepEqual(await shown(), ['Funding streams, with your pots', lines(rows.length), gbp(total(rows))]);
  assert.deepEqual(errors, []);
});

test('filters narrow every figure, show as chips, stay after a reload and clear', async () => {
  const home = of('Home Office');
  await map().getByRole('button', { name: 'Lines behind Home Office' }).click();
  await panel().getByRole('button', { name: 'Leave out this funder' }).click();
  const filters = region('Filters');
  await filters.getByText('Leaving out funder Home Office').waitFor();
  const rest = rows.filter((r) => r['Funding Org:Name'] !== 'Home Office');
  await page.getByTestId('figure-lines').filter({ hasText: rest.length.toLocaleString('en-GB') }).waitFor();
  assert.equal(await page.getByTestId('figure-total').innerText(), gbp(total(rest)));
  assert.equal(await page.getByTestId('showing').innerText(), 'Showing all places and all years, filtered: leaving out funder Home Office.');
  assert.equal(await map().getByRole('checkbox', { name: 'Home Office' }).count(), 0, 'the map follows');
  const figure = page.locator('#ringfenced-flexible-by-funder');
  await figure.getByText('Show the numbers as a table').click();
  assert.equal(await figure.getByRole('row', { name: /Home Office/ }).count(), 0, 'the charts follow');
  assert.match(await figure.locator('caption').innerText(), /leaving out funder Home Office/, 'titles say so');

  // Only one funder, with the leave-out taken off.
  await filters.getByRole('button', { name: 'Remove filter: leaving out funder Home Office' }).click();
  await map().getByRole('button', { name: 'Lines behind Home Office' }).click();
  await panel().getByRole('button', { name: 'Only this funder' }).click();
  await page.getByTestId('figure-lines').filter({ hasText: String(home.length) }).waitFor();
  assert.equal(await page.getByTestId('figure-total').innerText(), gbp(total(home)));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export pooled budget (CSV)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /only-funder-home-office/, 'file names say so');
  await page.waitForTimeout(700);
  await page.reload();
  await region('Filters').getByText('Only funder Home Office').waitFor();
  await page.getByTestId('figure-lines').filter({ hasText: String(home.length) }).waitFor();
  await region('Filters').getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('figure-lines').filter({ hasText: rows.length.toLocaleString('en-GB') }).waitFor();
  assert.equal(await region('Filters').count(), 0);
  assert.deepEqual(errors, []);
});
