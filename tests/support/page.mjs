// Shared set-up for the end-to-end tests and the benchmarks: dist/ served on loopback,
// Debian's Chromium, a fresh page per test, the page's regions, and what the page shows.
import { after, before, beforeEach } from 'node:test';
import { launch } from './browser.mjs';
import { ROOT } from './oracle.mjs';
import { serve } from './server.mjs';

export { ROOT };

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

/**
 * A new page that fails the test on any uncaught page error. `options` go to the page's new
 * context (say `{ serviceWorkers: 'block' }` for a test that routes the page's own requests,
 * which the offline service worker would otherwise answer from its cache).
 */
export async function openPage(browser, errors, options = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
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

/**
 * The page's regions by their accessible names, for whichever page `currentPage()` returns:
 * `const { pot, map } = regionsOf(() => page);`.
 */
export function regionsOf(currentPage) {
  const region = (name) => currentPage().getByRole('region', { name });
  return {
    region,
    pot: (name) => region(name),
    map: () => region('Funding map'),
    summary: () => region('Import summary'),
    attention: () => region('Needs attention'),
    mapping: () => region('Column mapping'),
    measures: () => region('Measures'),
    messages: () => currentPage().getByRole('log', { name: 'Messages' }),
  };
}
