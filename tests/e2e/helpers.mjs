// Shared set-up for the end-to-end tests: dist/ served on loopback, Debian's Chromium, and
// figures computed independently of grantpool from the sample files (PapaParse).
import { readFileSync } from 'node:fs';
import { after, before, beforeEach } from 'node:test';
import Papa from 'papaparse';
import { launch } from './browser.mjs';
import { serve } from './server.mjs';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** Starts the server and browser; returns { url, browser, close }. */
export async function start() {
  const { server, url } = await serve(`${ROOT}dist`);
  const browser = await launch();
  return {
    url,
    browser,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}

/**
 * For a test file: one server and browser for the file, and before each test a new page (its
 * own context, so its own storage) on the app with the sample loaded. `use(page, errors)` is
 * called with each new page and the list its uncaught errors go to.
 */
export function onAFreshPageEachTest(use) {
  let app;
  let page;
  before(async () => {
    app = await start();
  });
  after(async () => {
    await page?.close();
    await app?.close();
  });
  beforeEach(async () => {
    await page?.close();
    const errors = [];
    page = await openPage(app.browser, errors);
    await page.goto(app.url);
    await page.getByTestId('figure-lines').waitFor();
    use(page, errors);
  });
}

/** A new page that fails the test on any uncaught page error. */
export async function openPage(browser, errors) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

const grouped = (n) => n.toLocaleString('en-GB');

/** The headline figures of a sample CSV, as the page should print them. */
export function expectedFigures(samplePath, { ringfenceColumn } = {}) {
  const text = readFileSync(`${ROOT}www/${samplePath}`, 'utf8');
  const { data } = Papa.parse(text, { header: true, skipEmptyLines: true });
  let totalPence = 0n;
  let ringfencedPence = 0n;
  for (const row of data) {
    const [pounds, pence = ''] = row['Amount Awarded'].split('.');
    const amount = BigInt(pounds) * 100n + BigInt((pence + '00').slice(0, 2));
    totalPence += amount;
    if (ringfenceColumn && /^(yes|y|true|rf)$/i.test(row[ringfenceColumn].trim())) ringfencedPence += amount;
  }
  const distinct = (key) => new Set(data.map((row) => row[key].trim()).filter(Boolean)).size;
  const programmes = new Set(
    data.filter((r) => r['Grant Programme:Title'].trim()).map((r) => `${r['Funding Org:Name'].trim()}\u0000${r['Grant Programme:Title'].trim()}`),
  ).size;
  const share = ringfenceColumn
    ? `${((Number(ringfencedPence) / Number(totalPence)) * 100).toFixed(1)}%`
    : 'Not recorded';
  return {
    lines: grouped(data.length),
    funders: grouped(distinct('Funding Org:Name')),
    programmes: grouped(programmes),
    recipients: grouped(distinct('Recipient Org:Name')),
    total: `£${grouped(Number(totalPence / 100n))}`,
    ringfencedShare: share,
    totalPence,
  };
}

/** The figures as the page shows them. */
export async function shownFigures(page) {
  const text = (id) => page.getByTestId(id).innerText();
  return {
    lines: await text('figure-lines'),
    funders: await text('figure-funders'),
    programmes: await text('figure-programmes'),
    recipients: await text('figure-recipients'),
    total: await text('figure-total'),
    ringfencedShare: await text('figure-ringfenced-share'),
  };
}

/** Share of the canvas's pixels in each chart colour, read from the canvas itself. */
export async function canvasColours(page, selector = 'canvas.chart-canvas') {
  await page.locator(selector).first().and(page.locator('[data-drawn="true"]')).waitFor();
  return page.locator(selector).first().evaluate((canvas) => {
    const context = canvas.getContext('2d');
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const near = (i, [r, g, b]) => Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 24;
    let ringfenced = 0;
    let flexible = 0;
    let notRecorded = 0;
    let inked = 0;
    const pixels = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && !(data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245)) inked++;
      if (near(i, [0xd5, 0x5e, 0x00])) ringfenced++;
      else if (near(i, [0x00, 0x72, 0xb2])) flexible++;
      else if (near(i, [0x99, 0x99, 0x99])) notRecorded++;
    }
    return {
      width: canvas.width,
      cssWidth: canvas.clientWidth,
      height: canvas.height,
      inked: inked / pixels,
      ringfenced: ringfenced / pixels,
      flexible: flexible / pixels,
      notRecorded: notRecorded / pixels,
    };
  });
}
