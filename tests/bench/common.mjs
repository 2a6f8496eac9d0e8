// Every benchmark page blocks the offline service worker (serviceWorkers: 'block'), so its
// first-visit caching never runs during a timing.
// Shared by the benchmark scripts: options, the seeded data files, the browser, statistics,
// and writing a table into BENCHMARKS.md between its markers.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { launch } from '../support/browser.mjs';
import { ROOT } from '../support/oracle.mjs';
import { serve } from '../support/server.mjs';
import { generate } from './generate.mjs';

export { ROOT };

/**
 * Serves this project on loopback, launches one headless Chromium, and runs
 * `measure({ browser, url })` with them, closing both however it ends. Resolves with what
 * `measure` returned and the browser's version.
 */
export async function inBrowser(measure) {
  const { server, url } = await serve(ROOT);
  const browser = await launch();
  try {
    return { version: browser.version(), results: await measure({ browser, url }) };
  } finally {
    await browser.close();
    server.close();
  }
}

const args = process.argv.slice(2);
/** The value after `--name`, or `fallback`. */
export const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
/** Whether `--name` was given. */
export const flag = (name) => args.includes(`--${name}`);

export const median = (values) => percentile(values, 50);
/** The value at percentile `p` (nearest rank). */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (p === 50 && sorted.length % 2 === 0) return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
export const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

/** The seeded benchmark file of `rows` rows, generated once into target/bench-data; with
 * `withPlaces`, every row also names one of 400 councils by GSS code; with `withoutProgramme`,
 * that share of rows names no programme. */
export async function dataFile(rows, withPlaces = false, withoutProgramme = 0) {
  const dir = `${ROOT}target/bench-data`;
  mkdirSync(dir, { recursive: true });
  const variant = `${withPlaces ? 'places-' : ''}${withoutProgramme ? `no-programme-${Math.round(withoutProgramme * 100)}-` : ''}`;
  const name = `grants-${variant}${rows}.csv`;
  const path = `${dir}/${name}`;
  if (!existsSync(path)) await generate(rows, path, withPlaces ? councilCodes(400) : null, { withoutProgramme });
  return { name, path };
}

/** The first `count` current councils' GSS codes in grantpool's gazetteer. */
export function councilCodes(count) {
  return readFileSync(`${ROOT}src/geography/gazetteer.tsv`, 'utf8')
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([kind, , , successor]) => kind === 'A' && successor === '')
    .map(([, code]) => code)
    .slice(0, count);
}

/** The operating-system ids of the browser's renderer processes (DevTools protocol). */
export async function renderers(browser) {
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = await session.send('SystemInfo.getProcessInfo');
  await session.detach();
  return new Set(processInfo.filter((p) => p.type === 'renderer').map((p) => p.id));
}

/** A process's resident memory now and its high-water mark, in bytes (Linux /proc). */
export function residentMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) * 1024;
  return { now: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * The renderer holding a page a fresh context just opened: of the renderers not among `before`
 * (Chromium starts spares too), by far the largest. Its workers are threads in it, so its
 * memory covers the page, the import worker and the save. `undefined` when there is none.
 */
export async function pageRenderer(browser, before) {
  const started = [...(await renderers(browser))].filter((pid) => !before.has(pid));
  return started.sort((a, b) => residentMemory(b).now - residentMemory(a).now)[0];
}

/** "2 × CPU model" for the tables' captions. */
export const machine = () => `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`;

/** Replaces the part of BENCHMARKS.md between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
export function writeSection(name, body) {
  const path = `${ROOT}BENCHMARKS.md`;
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const current = readFileSync(path, 'utf8');
  if (!current.includes(start)) throw new Error(`BENCHMARKS.md has no ${name} markers`);
  const pattern = new RegExp(`${start}[\\s\\S]*${end}`);
  writeFileSync(path, current.replace(pattern, `${start}\n${body}\n${end}`));
  console.log(`updated ${path}`);
}

/**
 * What the benchmarks time with, in the page: `benchFrame()` resolves at the next frame;
 * `benchSettled()` resolves in a task after every effect and re-render queued by an action has
 * finished and every figure is up to date (on a large place the page brings them up to date in
 * tasks of their own, saying so on the workspace's `data-figures`), with its time;
 * `benchTimed(act)` times `act` to both.
 */
const IN_PAGE_TIMING = () => {
  window.benchFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const updating = () => document.querySelector('.workspace')?.dataset.figures === 'updating';
  window.benchSettled = () =>
    new Promise((resolve) => {
      const nextTask = () => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (updating() ? untilSettled() : resolve(performance.now()));
        channel.port2.postMessage(0);
      };
      const untilSettled = () => {
        const watched = new MutationObserver(() => {
          if (!updating()) {
            watched.disconnect();
            nextTask();
          }
        });
        watched.observe(document.querySelector('.workspace'), { attributes: true, attributeFilter: ['data-figures'] });
      };
      nextTask();
    });
  window.benchTimed = async (act) => {
    const started = performance.now();
    act();
    const done = await window.benchSettled();
    await window.benchFrame();
    return { settled: done - started, painted: performance.now() - started };
  };
};

/**
 * Resolves with the time of the first frame at which `when` (a function run in the page, which
 * returns `performance.now()` once it holds, else false) holds.
 */
export const firstFrameWhen = (page, when, arg) =>
  page.waitForFunction(when, arg, { polling: 'raf', timeout: 900_000 }).then((handle) => handle.jsonValue());

/**
 * The file's figures are on screen: the summary names it, a chart is drawn, and every figure is
 * up to date (on a large place they follow the summary, each in a task of its own).
 */
export const FIGURES_SHOWN = (name) => {
  const summary = document.querySelector('[aria-label="Import summary"]');
  const settled = document.querySelector('.workspace')?.dataset.figures === 'settled';
  const shown = summary?.innerText.includes(name) && settled && document.querySelector('canvas[data-drawn="true"]');
  return shown ? performance.now() : false;
};
/** Saved, or the page said the save failed (then `-now`, so the caller can tell). */
export const SAVED = () => {
  const line = document.querySelector('[data-saved-generation]');
  if (line?.innerText.includes('Your work is saved in this browser.')) return performance.now();
  const notices = document.querySelector('.notices')?.innerText ?? '';
  return notices.includes('could not be saved in this browser') ? -performance.now() : false;
};
/** The file's first chart is on screen: the summary names it and a chart is drawn. */
export const FIRST_CHART_SHOWN = (name) =>
  document.querySelector('[aria-label="Import summary"]')?.innerText.includes(name) && document.querySelector('canvas[data-drawn="true"]')
    ? performance.now()
    : false;

/**
 * A new page at `pageUrl` (1280 × 900, no service worker) with `file` imported through the
 * file picker and its mapping screen, as a person would, and its charts drawn.
 */
export async function pageWithFile(browser, pageUrl, file, name, timeout = 300_000) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  await page.addInitScript(IN_PAGE_TIMING);
  await page.goto(pageUrl);
  await page.getByTestId('figure-lines').waitFor();
  await page.getByLabel('Choose files…').setInputFiles(file);
  await page.getByRole('button', { name: `Import “${name}”` }).click();
  await page.getByRole('region', { name: 'Import summary' }).filter({ hasText: name }).waitFor({ timeout });
  await page.locator('canvas[data-drawn="true"]').first().waitFor();
  await page.locator('.workspace[data-figures="settled"]').waitFor({ timeout });
  return page;
}
