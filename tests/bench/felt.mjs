// What a person feels (issue #13), in the real page: from choosing a file to its figures on
// screen, the longest the page stops responding during the import and the save that follows,
// and from a reload with the place saved to its first chart and to every figure on screen
// again; and, on a cold cache, from navigation to the first chart, with what the page downloads.
// Not a test: it times, it does not pass or fail.
//
//   node tests/bench/felt.mjs [--rows 40000,100000,1000000] [--runs 3] [--write]
//   node tests/bench/felt.mjs --rows 1000000 --runs 5 --builds BEFORE_ROOT,AFTER_ROOT
//
// With --builds, the same runs for each build (a checkout whose dist/ holds a release build),
// taking turns run by run, each build first in every other run; it prints each build's medians
// with their interquartile ranges, for "what each change gave", and writes nothing.
import { statSync } from 'node:fs';
import { launch } from '../support/browser.mjs';
import { serve } from '../support/server.mjs';
import { FIGURES_SHOWN, FIRST_CHART_SHOWN, ROOT, SAVED, dataFile, firstFrameWhen, flag, fmt, machine, median, option, pageRenderer, percentile, renderers, residentMemory, writeSection } from './common.mjs';

const sizes = option('rows', '40000,100000,1000000').split(',').map(Number);
const runs = Number(option('runs', '3'));
const write = flag('write');
const builds = option('builds', '').split(',').filter(Boolean);
const mb = (bytes) => bytes / 1e6;

/** Records every long task (over 50 ms) from the start of the page, with when it ended. */
const WATCH_LONG_TASKS = () => {
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  // When the file input changes, as a person's choice fires it.
  document.addEventListener('change', (event) => {
    if (event.target?.type === 'file') window.fileChosenAt = performance.now();
  }, true);
};

const CHART_DRAWN = () =>
  document.querySelector('canvas[data-drawn="true"]') && document.querySelector('.workspace')?.dataset.figures === 'settled' ? performance.now() : false;

async function oneRun(browser, url, file, name) {
  // A fresh context each run: nothing saved, a cold cache.
  const before = await renderers(browser);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(WATCH_LONG_TASKS);
  await page.goto(`${url}dist/index.html`);
  await page.getByTestId('figure-lines').waitFor();
  const renderer = await pageRenderer(browser, before);
  const resting = renderer ? residentMemory(renderer).now : NaN;
  await page.getByLabel('Choose files…').setInputFiles(file);
  // The mapping screen asks once; its Import is pressed as soon as it shows.
  await page.getByRole('button', { name: `Import “${name}”` }).click();
  const shownAt = await firstFrameWhen(page, FIGURES_SHOWN, name);
  const answered = await firstFrameWhen(page, SAVED);
  const savedAt = Math.abs(answered);
  const peak = renderer ? residentMemory(renderer).peak : NaN;
  const { chosenAt, longest, blocked } = await page.evaluate((from) => {
    const during = window.longTasks.filter((t) => t.start + t.duration >= window.fileChosenAt && t.start <= from);
    return {
      chosenAt: window.fileChosenAt,
      longest: Math.max(0, ...during.map((t) => t.duration)),
      blocked: during.reduce((sum, t) => sum + t.duration - 50, 0),
    };
  }, savedAt);
  if (answered < 0) {
    // The browser did not keep the save (this context's storage quota): nothing to restore.
    await context.close();
    return { shown: shownAt - chosenAt, saved: NaN, save: NaN, longest, blocked, restoreChart: NaN, restore: NaN, peak, resting };
  }
  // Restore: a reload with the place saved, from navigation to its first chart, and to every
  // figure (on a large place the charts below the first screen follow, each in its turn).
  await page.reload();
  const chartAt = await firstFrameWhen(page, FIRST_CHART_SHOWN, name);
  const restoredAt = await firstFrameWhen(page, FIGURES_SHOWN, name);
  await context.close();
  return { shown: shownAt - chosenAt, saved: savedAt - chosenAt, save: savedAt - shownAt, longest, blocked, restoreChart: chartAt, restore: restoredAt, peak, resting };
}

async function coldLoad(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${url}dist/index.html`);
  const chart = await firstFrameWhen(page, CHART_DRAWN);
  const wasm = await page.evaluate(() => {
    const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return entry ? { bytes: entry.encodedBodySize || entry.transferSize, fetched: entry.responseEnd } : null;
  });
  await context.close();
  return { chart, wasm };
}

if (builds.length) {
  await compareBuilds();
  process.exit(0);
}

/** The runs for each build in `builds`, taking turns; prints each build's medians. */
async function compareBuilds() {
  const servers = await Promise.all(builds.map((root) => serve(root)));
  const browser = await launch();
  try {
    for (const rows of sizes) {
      const { name, path: file } = await dataFile(rows);
      const samples = builds.map(() => []);
      for (let run = 0; run < runs; run++) {
        const order = run % 2 === 0 ? [...servers.entries()] : [...servers.entries()].reverse();
        for (const [k, { url }] of order) samples[k].push(await oneRun(browser, url, file, name));
      }
      const line = (values) => `${fmt(median(values))} (${fmt(percentile(values, 25))}–${fmt(percentile(values, 75))})`;
      console.log(`${rows.toLocaleString('en-GB')} rows, ${runs} runs each, taking turns; medians (interquartile range), ms:`);
      builds.forEach((root, k) => {
        const of = (key) => line(samples[k].map((s) => s[key]));
        console.log(`${root}: file chosen → figures ${of('shown')}, longest block ${of('longest')}, blocked over 50 ms ${of('blocked')}, reload → first chart ${of('restoreChart')}, → every figure ${of('restore')}`);
      });
    }
  } finally {
    await browser.close();
    servers.forEach((s) => s.server.close());
  }
}

const { server, url } = await serve(ROOT);
const browser = await launch();
const version = browser.version();
const results = [];
const loads = [];
try {
  for (let run = 0; run < runs; run++) loads.push(await coldLoad(browser, url));
  for (const rows of sizes) {
    const { name, path: file } = await dataFile(rows);
    const samples = [];
    for (let run = 0; run < runs; run++) samples.push(await oneRun(browser, url, file, name));
    results.push({ rows, bytes: statSync(file).size, samples });
    console.log(`${rows} rows: shown ${fmt(median(samples.map((s) => s.shown)))} ms, longest block ${fmt(median(samples.map((s) => s.longest)))} ms, peak ${mb(median(samples.map((s) => s.peak))).toFixed(0)} MB, restore ${samples.map((s) => fmt(s.restore)).join(', ')} ms`);
  }
} finally {
  await browser.close();
  server.close();
}

const command = `node tests/bench/felt.mjs --rows ${sizes.join(',')} --runs ${runs}${write ? ' --write' : ''}`;
const failed = (samples, key) => samples.every((s) => Number.isNaN(s[key]));
const m = (samples, key) => (failed(samples, key) ? 'the save failed' : `${fmt(median(samples.map((s) => s[key])))} ms`);
const spread = (samples, key) =>
  failed(samples, key) ? '' : ` (${fmt(Math.min(...samples.map((s) => s[key])))}–${fmt(Math.max(...samples.map((s) => s[key])))})`;
const met = (samples, key, bound) => (median(samples.map((s) => s[key])) <= bound ? 'met' : 'not met');
/** The renderer's high-water mark, in MB and as a multiple of the file, with its resting size. */
const memory = (samples, bytes) => {
  const peak = median(samples.map((s) => s.peak));
  const resting = median(samples.map((s) => s.resting));
  return Number.isNaN(peak)
    ? 'not measured'
    : `${mb(peak).toFixed(0)} MB: ${((peak - resting) / bytes).toFixed(1)}× the file above the ${mb(resting).toFixed(0)} MB at rest`;
};
const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, ${version}, with \`${command}\` after \`trunk build --release\`.`,
  `Medians of ${runs} runs (range in brackets), each in a fresh browser context (nothing saved, a cold cache).`,
  '',
  '| rows | file | file chosen → its figures on screen | → saved in the browser | longest the page stopped responding (import and save) | time blocked over 50 ms, summed | renderer peak memory (import and save) | reload → first chart | reload → every figure | targets |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|',
  ...results.map(({ rows, bytes, samples }) =>
    `| ${rows.toLocaleString('en-GB')} | ${mb(bytes).toFixed(1)} MB | ${m(samples, 'shown')}${spread(samples, 'shown')} | ${m(samples, 'saved')} | ${m(samples, 'longest')}${spread(samples, 'longest')} | ${m(samples, 'blocked')} | ${memory(samples, bytes)} | ${m(samples, 'restoreChart')}${spread(samples, 'restoreChart')} | ${m(samples, 'restore')}${spread(samples, 'restore')} | ${rows >= 1_000_000 ? `no block over 50 ms: ${met(samples, 'longest', 50)}; peak ≤ 2× file above rest: ${median(samples.map((s) => s.peak - s.resting)) <= 2 * bytes ? 'met' : 'not met'}; saved ≤ 1 s after its figures: ${met(samples, 'save', 1000)}; reload → first chart ≤ 1 s: ${met(samples, 'restoreChart', 1000)}` : ''} |`,
  ),
  '',
  `**First load, cold cache**: navigation → first chart drawn ${fmt(median(loads.map((l) => l.chart)))} ms (${fmt(Math.min(...loads.map((l) => l.chart)))}–${fmt(Math.max(...loads.map((l) => l.chart)))}); the page's WebAssembly arrives ${fmt(median(loads.map((l) => l.wasm?.fetched ?? 0)))} ms after navigation (${((loads[0].wasm?.bytes ?? 0) / 1024).toFixed(0)} KB as served here, uncompressed on loopback; ${'see the download table for its gzip size'}).`,
].join('\n');
console.log(`\n${section}`);
if (write) writeSection('felt-benchmark', section);
