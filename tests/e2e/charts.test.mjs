// The charts as a person uses them: every chart is a captioned figure with PNG and SVG
// downloads and a data table; the charts follow the pots; tooltips give exact values by mouse
// and by keyboard; the board pack prints on A4. Expected figures come from the sample CSV,
// parsed here with PapaParse, not from grantpool's code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ROOT, durhamRows, pence, streamKey, sumBy } from '../support/oracle.mjs';
import { onAFreshPageEachTest } from '../support/page.mjs';

const rows = durhamRows();
const gbp = (p) => `£${Math.round(p / 100).toLocaleString('en-GB')}`;
// Funders by money, largest first (ties by name), as every funder chart orders them.
const funders = [...sumBy(rows, (r) => r['Funding Org:Name'])].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

const CHARTS = [
  ['ringfenced-flexible-before-after', 'Ringfenced and flexible money, today and with your pots'],
  ['ringfenced-flexible-by-funder', 'Ringfenced and flexible money by funder'],
  ['funders-to-pots', 'Where the money goes: funders to pots'],
  ['ringfenced-flexible-by-pot', 'Ringfenced and flexible money by pot'],
  ['streams-by-size', 'Streams by size, today and with your pots'],
  ['streams-by-service', 'Streams reaching each service, today and with your pots'],
  ['money-by-financial-year', 'Money by financial year, today and with your pots'],
  ['streams-by-year', 'Streams starting, continuing and ending, by financial year'],
  ['awards-by-length', 'Awards by length'],
];

let page;
let errors;
onAFreshPageEachTest((fresh, pageErrors) => {
  page = fresh;
  errors = pageErrors;
});

const figure = (title) => page.getByRole('figure', { name: title, exact: true });

async function downloadFrom(name, within) {
  const [download] = await Promise.all([page.waitForEvent('download'), within.getByRole('button', { name }).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/** The figure's data table as rows of cells (header cell first). */
async function tableOf(title) {
  const details = figure(title).locator('details.data-table');
  if (!(await details.evaluate((element) => element.open))) await details.locator('summary').click();
  return details.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
}

async function poolHomeOfficeAndJustice() {
  await page.getByRole('button', { name: 'New pot' }).click();
  const map = page.getByRole('region', { name: 'Funding map' });
  await map.getByRole('checkbox', { name: 'Home Office' }).check();
  await map.getByRole('checkbox', { name: 'Ministry of Justice' }).check();
  await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
  await page.getByRole('region', { name: 'Pot 1' }).getByText(/lines from 2 funders/).waitFor();
}

/** Share of a canvas's pixels near `rgb`. */
function colourShare(title, rgb) {
  return figure(title)
    .locator('canvas[data-drawn="true"]')
    .evaluate((canvas, [r, g, b]) => {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let near = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 12) near++;
      }
      return near / (data.length / 4);
    }, rgb);
}

/** Downloads `charts` as PNG and SVG and checks each file, and that each has a data table. */
async function checkDownloads(charts) {
  for (const [id, title] of charts) {
    const chart = figure(title);
    await chart.locator('canvas[data-drawn="true"]').waitFor();
    const png = await downloadFrom('Download PNG', chart);
    assert.match(png.name, new RegExp(`^grantpool-${id}-county-durham-illustrative-\\d{4}-\\d{2}-\\d{2}\\.png$`));
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${id}: PNG signature`);
    assert.equal(png.bytes.readUInt32BE(16), 2000, `${id}: 1000 px wide at 2×`);
    assert.ok(png.bytes.readUInt32BE(20) >= 400, `${id}: a real height`);
    assert.ok(png.bytes.length > 15_000, `${id}: a drawn image (${png.bytes.length} bytes)`);

    const svg = await downloadFrom('Download SVG', chart);
    assert.match(svg.name, new RegExp(`^grantpool-${id}-county-durham-illustrative-\\d{4}-\\d{2}-\\d{2}\\.svg$`));
    const parsed = await page.evaluate((source) => {
      const document = new DOMParser().parseFromString(source, 'image/svg+xml');
      const texts = [...document.querySelectorAll('text')].map((t) => t.textContent.trim());
      const child = (name) => [...document.documentElement.children].find((c) => c.nodeName === name)?.textContent ?? '';
      return {
        ok: document.querySelector('parsererror') === null && document.documentElement.nodeName === 'svg',
        texts,
        title: child('title'),
        desc: child('desc'),
      };
    }, svg.bytes.toString('utf8'));
    assert.ok(parsed.ok, `${id}: the SVG parses`);
    assert.ok(parsed.texts.includes(title), `${id}: titled`);
    assert.equal(parsed.title, title, `${id}: an SVG <title> for screen readers`);
    const summary = await chart.locator('.chart-summary').innerText();
    assert.ok(summary.length > 20 && summary.endsWith('.'), `${id}: a one-sentence summary under the chart`);
    assert.equal(parsed.desc, summary, `${id}: the SVG's <desc> is the summary shown under the chart`);
    assert.ok(parsed.texts.some((t) => /^Source: County Durham \(illustrative\)\. Made with grantpool on \d{4}-\d{2}-\d{2}\.$/.test(t)), `${id}: source line`);

    const table = await tableOf(title);
    assert.ok(table.length >= 1, `${id}: the table has rows`);
  }
  assert.deepEqual(errors, []);
}

// Headless Chromium stops reporting downloads after ten from one page, so the six charts'
// twelve downloads are split over two fresh pages.
test('the before/after, funder and flow charts are captioned figures that download as a 2× PNG and a titled SVG, with a data table', async () => {
  await checkDownloads(CHARTS.slice(0, 3));
});

test('the pot, size and service charts are captioned figures that download as a 2× PNG and a titled SVG, with a data table', async () => {
  await checkDownloads(CHARTS.slice(3));
});

test('the charts follow the pots, and their tables agree with the sample', async () => {
  const purple = [0x33, 0x22, 0x88];
  const potGreen = [0x00, 0x9e, 0x73];
  assert.equal(await colourShare('Where the money goes: funders to pots', potGreen), 0, 'no pot yet');
  await poolHomeOfficeAndJustice();
  assert.ok((await colourShare('Where the money goes: funders to pots', potGreen)) > 0.0005, 'the pot appears in the flows');
  assert.ok((await colourShare('Where the money goes: funders to pots', purple)) > 0.001, 'the largest funder keeps its colour');

  const pooled = rows.filter((r) => ['Home Office', 'Ministry of Justice'].includes(r['Funding Org:Name']));
  const rest = rows.filter((r) => !pooled.includes(r));
  const flows = await tableOf('Where the money goes: funders to pots');
  const homeOffice = pooled.filter((r) => r['Funding Org:Name'] === 'Home Office');
  assert.deepEqual(
    flows.find(([funder, pot]) => funder === 'Home Office' && pot === 'Pot 1'),
    ['Home Office', 'Pot 1', homeOffice.length.toLocaleString('en-GB'), gbp(homeOffice.reduce((s, r) => s + pence(r), 0))],
  );
  assert.equal(flows.at(-1)[3], await page.getByTestId('figure-total').innerText(), 'the flows add up to the place');

  const byPot = await tableOf('Ringfenced and flexible money by pot');
  const pooledPence = pooled.reduce((s, r) => s + pence(r), 0);
  assert.deepEqual(byPot.map((row) => row[0]), ['Pot 1', 'Not in a pot']);
  assert.deepEqual([byPot[0][1], byPot[0][3], byPot[0][5]], [pooled.length.toLocaleString('en-GB'), gbp(pooledPence), gbp(pooledPence)]);

  // Streams today: each funder × programme; with the pot: the rest's streams plus one.
  const sizes = await tableOf('Streams by size, today and with your pots');
  const all = sizes.at(-1);
  assert.equal(all[0], 'All sizes');
  assert.equal(all[1], rows.length.toLocaleString('en-GB'));
  assert.equal(all[3], String(new Set(rows.map(streamKey)).size));
  assert.equal(all[4], String(new Set(rest.map(streamKey)).size + 1));
  const smallStreams = [...sumBy(rows, streamKey).values()].filter((p) => p < 10_000_000).length;
  const smallBands = sizes.filter(([band]) => ['£0 or less', 'Under £1k', '£1k to £10k', '£10k to £100k'].includes(band));
  assert.equal(smallBands.reduce((s, row) => s + Number(row[3]), 0), smallStreams);

  const services = await tableOf('Streams reaching each service, today and with your pots');
  const serviceStreams = new Map();
  for (const r of rows) {
    if (!serviceStreams.has(r.Service)) serviceStreams.set(r.Service, new Set());
    serviceStreams.get(r.Service).add(streamKey(r));
  }
  const [topService, topStreams] = [...serviceStreams].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))[0];
  assert.deepEqual(services[0].slice(0, 2), [topService, String(topStreams.size)]);

  // Undo puts every chart back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual((await tableOf('Ringfenced and flexible money by pot')).map((row) => row[0]), ['Not in a pot']);
  assert.equal(await colourShare('Where the money goes: funders to pots', potGreen), 0);
  assert.deepEqual(errors, []);
});

test('tooltips give exact values when pointing at a bar and when reading with the arrow keys', async () => {
  const title = 'Ringfenced and flexible money by funder';
  const canvas = figure(title).locator('canvas[data-drawn="true"]');
  const tip = figure(title).getByRole('status');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  // The first bar sits below the legend; point along the left third until a tooltip shows.
  let shown = '';
  for (let y = 30; y < 120 && !shown; y += 6) {
    await page.mouse.move(box.x + box.width * 0.3, box.y + y);
    shown = await tip.innerText();
  }
  const [largest, largestPence] = funders[0];
  assert.ok(shown.startsWith(`${largest}: ${gbp(largestPence)} in `), shown);
  await page.mouse.move(box.x + 5, box.y + box.height + 40);
  assert.equal(await tip.innerText(), '');

  await canvas.focus();
  assert.ok((await tip.innerText()).startsWith(`${largest}: `), 'focus reads the first bar');
  await page.keyboard.press('ArrowDown');
  const [second, secondPence] = funders[1];
  assert.ok((await tip.innerText()).startsWith(`${second}: ${gbp(secondPence)} in `), await tip.innerText());
  await page.keyboard.press('End');
  assert.match(await tip.innerText(), /^All other funders \(\d+\): £[\d,]+ in [\d,]+ lines/);
  await page.keyboard.press('Escape');
  assert.equal(await tip.innerText(), '');
  assert.match(await canvas.getAttribute('aria-label'), /Use the arrow keys to read each value/);
  assert.deepEqual(errors, []);
});

test('charts redraw crisply when the window changes size', async () => {
  const canvas = figure('Streams by size, today and with your pots').locator('canvas[data-drawn="true"]');
  const before = await canvas.evaluate((c) => [c.width, c.clientWidth]);
  await page.setViewportSize({ width: 800, height: 900 });
  await page.waitForFunction(
    (old) => {
      const c = [...document.querySelectorAll('canvas')].find((e) => e.getAttribute('aria-label').startsWith('Streams by size'));
      return c.width !== old && c.width === Math.round(c.clientWidth * devicePixelRatio);
    },
    before[0],
  );
  const after = await canvas.evaluate((c) => [c.width, c.clientWidth]);
  assert.ok(after[1] < before[1], `narrower (${before} → ${after})`);
});

test('the board pack lays out the figures, measures and every chart for A4 and prints to PDF', async () => {
  await poolHomeOfficeAndJustice();
  await page.getByRole('button', { name: 'Board pack (print view)' }).click();
  const pack = page.getByRole('article', { name: 'Funding in County Durham (illustrative): board pack' });
  await pack.waitFor();
  assert.equal(await page.getByRole('region', { name: 'Funding map' }).isVisible(), false, 'the workspace is put away');
  const measures = pack.locator('table').nth(1);
  const streams = (await measures.locator('tr', { hasText: 'Funding streams' }).locator('td').allInnerTexts()).slice(0, 2);
  const rest = rows.filter((r) => !['Home Office', 'Ministry of Justice'].includes(r['Funding Org:Name']));
  assert.deepEqual(streams, [String(new Set(rows.map(streamKey)).size), String(new Set(rest.map(streamKey)).size + 1)]);
  // Each chart is inline SVG (so its text prints as text); its text alternative is its title
  // and the one-sentence summary shown under the chart.
  const images = pack.locator('.pack-chart[role="img"]');
  const alts = await images.evaluateAll((all) => all.map((img) => img.getAttribute('aria-label')));
  assert.equal(alts.length, CHARTS.length);
  for (const [id, title] of CHARTS) {
    const summary = await page.locator(`#${id} .chart-summary`).textContent();
    assert.ok(alts.includes(`${title}. ${summary}`), `${id}: the pack image says “${title}. ${summary}”`);
  }

  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.masthead').isVisible(), false, 'print hides the page furniture');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  assert.ok(pages >= 6 && pages <= 14, `a short board pack (${pages} A4 pages)`);
  await page.emulateMedia({ media: 'screen' });

  await pack.getByRole('button', { name: 'Back to the workspace' }).click();
  await page.getByRole('region', { name: 'Funding map' }).waitFor();
  const width = await figure('Ringfenced and flexible money by funder').locator('canvas').evaluate((c) => c.width);
  assert.ok(width > 800, `the workspace charts are drawn full width again (${width})`);
  assert.deepEqual(errors, []);
});
