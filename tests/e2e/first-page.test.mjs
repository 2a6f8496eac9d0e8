// The first page a person sees: the default sample, its figures, its chart, the sample picker,
// and a clear message when a sample cannot be had.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectedFigures } from '../support/oracle.mjs';
import { canvasColours, openPage, shownFigures, start } from '../support/page.mjs';

const BY_FUNDER = 'canvas[aria-label^="Ringfenced and flexible money by funder"]';

let app;
before(async () => {
  app = await start();
});
after(async () => {
  await app?.close();
});

test('first visit loads the illustrative County Durham sample with the file’s own figures', async () => {
  const errors = [];
  const page = await openPage(app.browser, errors);
  await page.goto(app.url);
  await page.getByRole('heading', { name: 'grantpool', level: 1 }).waitFor();
  await page.getByTestId('figure-lines').waitFor();
  const expected = expectedFigures('samples/durham-illustrative.csv', { ringfenceColumn: 'Ringfenced' });
  const { totalPence, ...figures } = expected;
  assert.deepEqual(await shownFigures(page), figures);
  assert.equal(figures.programmes, '229');
  assert.equal(figures.recipients, '1,278');
  assert.match(await page.locator('body').innerText(), /redesign it as pooled, place-based budgets/);
  assert.equal(await page.getByLabel('Data shown').inputValue(), 'durham-illustrative');
  await page.getByText('Illustrative data — not real awards').waitFor();
  const summary = await page.getByRole('region', { name: 'Import summary' }).innerText();
  assert.ok(summary.includes(`${figures.lines} funding lines from 1 file; 0 rows need attention`), summary);
  assert.ok(summary.includes(`durham-illustrative.csv: ${figures.lines} data rows → ${figures.lines} funding lines`), summary);
  // The before/after chart says its message under it, from the same numbers (no pots yet).
  const share = expected.ringfencedShare;
  assert.equal(
    await page.getByRole('figure', { name: 'Ringfenced and flexible money, today and with your pots' }).locator('.chart-summary').innerText(),
    `Ringfenced share of the money: ${share} today, ${share} with your pots.`,
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('the chart is drawn on a crisp canvas, in both ringfence colours', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
  await page.goto(app.url);
  const canvas = page.getByRole('img', { name: /Ringfenced and flexible money by funder/ });
  await canvas.waitFor();
  await page.locator('canvas[data-drawn="true"]').first().waitFor();
  const colours = await canvasColours(page, BY_FUNDER);
  const cssWidth = await canvas.evaluate((element) => element.clientWidth);
  assert.equal(colours.width, Math.round(cssWidth * 2), 'backing store is sized by devicePixelRatio');
  assert.ok(colours.inked > 0.05, `canvas is drawn, not blank (${colours.inked})`);
  assert.ok(colours.ringfenced > 0.02, `ringfenced bars present (${colours.ringfenced})`);
  assert.ok(colours.flexible > 0.01, `flexible bars present (${colours.flexible})`);
  await page.close();
});

test('the before/after chart shows today and with your pots, with its own table', async () => {
  const page = await app.browser.newPage();
  await page.goto(app.url);
  const figure = page.getByRole('figure', { name: 'Ringfenced and flexible money, today and with your pots' });
  await figure.getByText('Show the numbers as a table').click();
  const rows = await figure.getByRole('table').locator('tbody th').allInnerTexts();
  assert.deepEqual(rows, ['Today', 'With your pots']);
  const totals = await figure.getByRole('table').locator('tbody td:last-child').allInnerTexts();
  assert.equal(totals[0], totals[1]);
  assert.equal(totals[0], await page.getByTestId('figure-total').innerText());
  const colours = await canvasColours(page, 'canvas[aria-label^="Ringfenced and flexible money, today"]');
  assert.ok(colours.ringfenced > 0.02 && colours.flexible > 0.02, JSON.stringify(colours));
  await page.close();
});

test('the chart’s data table holds the same money as the headline total', async () => {
  const page = await app.browser.newPage();
  await page.goto(app.url);
  await page.getByRole('figure', { name: 'Ringfenced and flexible money by funder' }).getByText('Show the numbers as a table').click();
  const table = page.getByRole('table', { name: /Ringfenced and flexible money by funder/ });
  const totals = await table.locator('tbody tr td:last-child').allInnerTexts();
  const pence = totals.reduce((sum, cell) => sum + BigInt(cell.replace(/[£,]/g, '').replace('.', '')) * (cell.includes('.') ? 1n : 100n), 0n);
  const expected = expectedFigures('samples/durham-illustrative.csv', { ringfenceColumn: 'Ringfenced' });
  assert.equal(pence, expected.totalPence);
  // The nine largest funders, each with its colour, then the rest merged, as in the flows chart.
  const funders = expected.funders;
  assert.equal(funders, '14', 'sixteen names as written, fourteen departments');
  assert.equal(totals.length, 10, 'nine named funders and one merged row');
  assert.equal(await table.locator('tbody tr th').last().innerText(), 'All other funders (5)');
  await page.close();
});

test('the sample picker switches to the real 2016-17 awards, with source and licence', async () => {
  const errors = [];
  const page = await openPage(app.browser, errors);
  await page.goto(app.url);
  await page.getByTestId('figure-lines').waitFor();
  await page.getByLabel('Data shown').selectOption('ggis-awards-2016-17');
  // Worked out from the workbook with openpyxl and Decimal (see tests/samples.rs).
  const figures = {
    lines: '3,351',
    funders: '2',
    programmes: '105',
    recipients: '2,028',
    total: '£3,920,986,733',
    ringfencedShare: 'Not recorded',
  };
  await page.getByTestId('figure-lines').filter({ hasText: figures.lines }).waitFor();
  assert.deepEqual(await shownFigures(page), figures);
  await page.getByText('Source and licence').click();
  const body = await page.locator('body').innerText();
  assert.match(body, /Real published data/i);
  assert.match(body, /Crown copyright, Open Government Licence v3\.0/);
  assert.match(page.url(), /\?sample=ggis-awards-2016-17$/);
  await page.locator('canvas[data-drawn="true"]').first().waitFor();
  const colours = await canvasColours(page, BY_FUNDER);
  assert.ok(colours.notRecorded > 0.02, 'money with no ringfence status is drawn grey');
  // The address remembers the choice across a reload.
  await page.reload();
  await page.getByTestId('figure-lines').filter({ hasText: figures.lines }).waitFor();
  assert.equal(await page.getByLabel('Data shown').inputValue(), 'ggis-awards-2016-17');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a missing sample file gives a clear message and the page keeps working', async () => {
  const errors = [];
  const page = await openPage(app.browser, errors, { serviceWorkers: 'block' });
  await page.route('**/samples/durham-illustrative.csv', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(app.url);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /could not be loaded: the server answered 404/);
  await page.getByLabel('Data shown').selectOption('ggis-awards-2016-17');
  await page.getByTestId('figure-lines').filter({ hasText: '3,351' }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a corrupt sample file gives a clear message instead of a blank page', async () => {
  const errors = [];
  const page = await openPage(app.browser, errors, { serviceWorkers: 'block' });
  const garbage = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 4000 }, (_, i) => (i * 37) % 256)]);
  await page.route('**/samples/durham-illustrative.csv', (route) => route.fulfill({ status: 200, body: garbage }));
  await page.goto(app.url);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /could not be read: .*durham-illustrative\.csv/);
  await page.getByRole('heading', { name: 'grantpool' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
