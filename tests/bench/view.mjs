// Place and year benchmark (issue #11): from a change of the Place or Financial year picker to
// every figure and chart recomputed ("all work done") and the next frame painted, in the real
// page, on a file whose lines name 400 councils over ten financial years; and Places compared
// (one row per place) computed alone through the bench entry point.
// Not a test: it times, it does not pass or fail.
//
//   node tests/bench/view.mjs [--rows 100000,1000000] [--changes 20] [--baseline DIST --rounds 3] [--write]
import { existsSync, symlinkSync } from 'node:fs';
import { launch } from '../support/browser.mjs';
import { serve } from '../support/server.mjs';
import { ROOT, councilCodes, dataFile, flag, fmt, machine, option, percentile, writeSection, pageWithFile } from './common.mjs';

const sizes = option('rows', '100000,1000000').split(',').map(Number);
const changes = Number(option('changes', '20'));
const write = flag('write');
// Another build's dist/ to run interleaved with this one, round by round (as pooling.mjs).
const baseline = option('baseline', null);
const rounds = baseline ? Number(option('rounds', '3')) : 1;

async function timeViewChanges(browser, pageUrl, file, name, count, dataUrl) {
  const page = await pageWithFile(browser, pageUrl, file, name);
  const places = councilCodes(400);
  const samples = await page.evaluate(
    async ({ count, places }) => {
      const { benchFrame: frame, benchTimed: timed } = window;
      const year = document.getElementById('year-picker');
      const place = document.getElementById('place-picker');
      const out = { year: [], place: [] };
      for (let i = 0; i < count + 2; i++) {
        const years = [...year.options].map((o) => o.value).filter((v) => /^\d+$/.test(v));
        const y = await timed(() => {
          year.value = years[i % years.length];
          year.dispatchEvent(new Event('change', { bubbles: true }));
        });
        const p = await timed(() => {
          place.value = places[(i * 7) % 40];
          place.dispatchEvent(new Event('change', { bubbles: true }));
        });
        if (i >= 2) {
          out.year.push(y);
          out.place.push(p);
        }
      }
      return out;
    },
    { count, places },
  );
  // Places compared alone, through the same core function the page calls.
  const compare = await page.evaluate(
    async ({ count, dataUrl }) => {
      const data = new Uint8Array(await (await fetch(dataUrl)).arrayBuffer());
      const place = new window.wasmBindings.BenchPlace();
      place.parse('grants.csv', data);
      const times = [];
      let rows = 0;
      for (let i = 0; i < count + 2; i++) {
        const started = performance.now();
        rows = place.compare_places();
        if (i >= 2) times.push(performance.now() - started);
      }
      place.free();
      return { times, rows };
    },
    { count, dataUrl },
  );
  await page.close();
  return { samples, compare };
}

const { server, url } = await serve(ROOT);
// The baseline page fetches the data from its own origin (the page's policy allows no other).
if (baseline && !existsSync(`${baseline}/bench-data`)) symlinkSync(`${ROOT}target/bench-data`, `${baseline}/bench-data`);
const other = baseline ? await serve(baseline) : null;
const browser = await launch();
const version = browser.version();
const results = [];
const merge = (parts) => ({
  samples: { year: parts.flatMap((p) => p.samples.year), place: parts.flatMap((p) => p.samples.place) },
  compare: { times: parts.flatMap((p) => p.compare.times), rows: parts[0].compare.rows },
});
try {
  for (const rows of sizes) {
    const { name, path } = await dataFile(rows, true);
    const ours = [];
    const theirs = [];
    for (let round = 0; round < rounds; round++) {
      const count = Math.ceil(changes / rounds);
      ours.push(await timeViewChanges(browser, `${url}dist/index.html`, path, name, count, `${url}target/bench-data/${name}`));
      if (other) theirs.push(await timeViewChanges(browser, other.url, path, name, count, `${other.url}bench-data/${name}`));
    }
    const { samples, compare } = merge(ours);
    results.push({ rows, samples, compare });
    if (other) {
      const base = merge(theirs);
      const p50 = (list) => percentile(list.map((s) => s.settled), 50);
      console.log(`${rows} lines, baseline ${baseline}: year p50 ${fmt(p50(base.samples.year))} ms (this build ${fmt(p50(samples.year))}, ${(p50(samples.year) / p50(base.samples.year)).toFixed(2)}×); place p50 ${fmt(p50(base.samples.place))} ms (this build ${fmt(p50(samples.place))}, ${(p50(samples.place) / p50(base.samples.place)).toFixed(2)}×)`);
    }
    const p = (list, q) => fmt(percentile(list.map((s) => s.settled), q));
    console.log(`${rows} lines: year change p50 ${p(samples.year, 50)} ms p95 ${p(samples.year, 95)} ms; place change p50 ${p(samples.place, 50)} ms p95 ${p(samples.place, 95)} ms; places compared ${compare ? `${fmt(percentile(compare.times, 50))} ms (${compare.rows} places)` : 'n/a'}`);
  }
} finally {
  await browser.close();
  server.close();
  other?.server.close();
}

const command = `node tests/bench/view.mjs --rows ${sizes.join(',')} --changes ${changes}${baseline ? ` --baseline ${baseline} --rounds ${rounds}` : ''}${write ? ' --write' : ''}`;
const target = (rows) => (rows >= 1_000_000 ? 50 : 16);
const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, ${version}, with \`${command}\`.`,
  `${changes} changes of the Financial year picker and ${changes} of the Place picker at each size (after 2 warm-ups each), on a synthetic file whose lines name 400 councils over ten financial years. "All work done" is the task after the change event, once every memo, table and chart has been recomputed and redrawn; "painted" adds the next frame.`,
  '',
  '| lines | change | all work done p50 | p95 | painted p50 | p95 | target at p95 | met? |',
  '|---:|:---|---:|---:|---:|---:|---:|:---|',
  ...results.flatMap(({ rows, samples }) =>
    [['year', samples.year], ['place', samples.place]].map(([what, list]) => {
      const settled = list.map((s) => s.settled);
      const painted = list.map((s) => s.painted);
      const p95 = percentile(settled, 95);
      return `| ${rows.toLocaleString('en-GB')} | ${what} | ${fmt(percentile(settled, 50))} ms | ${fmt(p95)} ms | ${fmt(percentile(painted, 50))} ms | ${fmt(percentile(painted, 95))} ms | ${target(rows)} ms | ${p95 <= target(rows) ? 'yes' : 'no'} |`;
    }),
  ),
  '',
  '| lines | places | Places compared computed, p50 | p95 | target | met? |',
  '|---:|---:|---:|---:|---:|:---|',
  ...results
    .filter((r) => r.compare)
    .map(({ rows, compare }) => {
      const p95 = percentile(compare.times, 95);
      return `| ${rows.toLocaleString('en-GB')} | ${compare.rows} | ${fmt(percentile(compare.times, 50))} ms | ${fmt(p95)} ms | 100 ms at 1M | ${rows < 1_000_000 || p95 <= 100 ? 'yes' : 'no'} |`;
    }),
].join('\n');
console.log(`\n${section}`);
if (write) writeSection('view-benchmark', section);
