// Speed against the best in-browser peers, side by side in one headless Chromium run.
// Not a test: it times, it does not pass or fail (but it stops if any tool gets different
// totals, so the comparison stays honest).
//
//   node tests/bench/compare.mjs [--rows 10000,100000,1000000] [--runs 5] [--write]
//
// Each tool does the same job on the same seeded 360Giving-shaped CSV, already in the page:
// parse it and type the amounts ("parse + type"), then total £ by funder × ringfenced and by
// service ("aggregate"). grantpool runs its core (the same code the app runs on import) in the
// app's own page through `window.wasmBindings.BenchPlace`; the peers run in
// tests/bench/peers.html, loaded from this repository's node_modules on loopback. Also timed:
// grantpool drawing its first chart once the data is ready, the page from navigation to the
// first chart on screen, and the ceilings (a plain copy of the bytes, one TextDecoder pass).
// With --write the tables replace the peer section of BENCHMARKS.md.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { launch } from '../support/browser.mjs';
import { serve } from '../support/server.mjs';
import { ROOT, dataFile, flag, fmt, machine, median, option, writeSection } from './common.mjs';

const sizes = option('rows', '10000,100000,1000000').split(',').map(Number);
const runs = Number(option('runs', '5'));
const write = flag('write');
const mb = (bytes) => bytes / 1e6;
const PEERS = ['udsv', 'papaparse', 'papaparse-worker', 'duckdb', 'arquero'];
const CEILINGS = ['copy', 'decode'];
const NAMES = {
  grantpool: 'grantpool (Rust → wasm)',
  udsv: 'uDSV 0.7 (typed columns)',
  papaparse: 'PapaParse 5.7 (main thread)',
  'papaparse-worker': 'PapaParse 5.7 (worker)',
  duckdb: 'DuckDB-wasm 1.32 (read_csv, GROUP BY)',
  arquero: 'Arquero 7.2 (fromCSV, groupby().rollup())',
  copy: 'ceiling: plain copy of the bytes',
  decode: 'ceiling: one TextDecoder pass',
};

/** grantpool's core in the app page: parse + type, aggregate, first chart; `runs` after a warm-up. */
async function timeGrantpool(browser, url, dataUrl) {
  const page = await browser.newPage({ serviceWorkers: 'block' });
  await page.goto(`${url}dist/index.html`);
  await page.locator('canvas[data-drawn="true"]').first().waitFor();
  const out = await page.evaluate(
    async ({ dataUrl, runs }) => {
      const bytes = new Uint8Array(await (await fetch(dataUrl)).arrayBuffer());
      const samples = [];
      for (let run = 0; run <= runs; run++) {
        window.gc?.();
        const place = new window.wasmBindings.BenchPlace();
        let started = performance.now();
        const rows = place.parse('grants.csv', bytes);
        const parse = performance.now() - started;
        started = performance.now();
        const check = place.aggregate();
        const aggregate = performance.now() - started;
        const canvas = document.createElement('canvas');
        canvas.width = 1000;
        canvas.height = 560;
        started = performance.now();
        place.draw_chart(canvas);
        const chart = performance.now() - started;
        const wasm = window.wasmBindings.wasm_memory_bytes();
        place.free();
        if (run > 0) samples.push({ parse, aggregate, chart, check, rows, wasm });
      }
      return { samples, heap: performance.memory?.usedJSHeapSize ?? 0 };
    },
    { dataUrl, runs },
  );
  await page.close();
  return out;
}

/** One peer in a fresh peers page; `runs` after a warm-up. */
async function timePeer(browser, url, dataUrl, peer) {
  const page = await browser.newPage({ serviceWorkers: 'block' });
  await page.goto(`${url}tests/bench/peers.html`);
  await page.waitForFunction(() => window.benchReady === true);
  await page.evaluate((address) => window.bench.load(address), dataUrl);
  const samples = [];
  for (let run = 0; run <= runs; run++) {
    await page.evaluate(() => window.gc?.());
    const result = await page.evaluate((name) => window.bench.run(name), peer);
    if (run > 0) samples.push(result);
  }
  const workerMemory = peer === 'duckdb' ? await page.evaluate(() => window.bench.duckdbMemory()) : 0;
  await page.close();
  return { samples, workerMemory };
}

/** From navigation to the first chart drawn, in a fresh page with the built-in sample. */
async function timeLoad(browser, url) {
  const page = await browser.newPage({ serviceWorkers: 'block' });
  await page.goto(`${url}dist/index.html`);
  const handle = await page.waitForFunction(
    () => (document.querySelector('canvas[data-drawn="true"]') ? performance.now() : false),
    null,
    { polling: 'raf' },
  );
  const ms = await handle.jsonValue();
  await page.close();
  return ms;
}

const sizeOf = (path) => {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const distWasm = readdirSync(`${ROOT}dist`).find((name) => name.endsWith('.wasm'));
const downloads = [
  ['grantpool (wasm, whole app)', `${ROOT}dist/${distWasm}`],
  ['grantpool (JS glue)', `${ROOT}dist/${distWasm.replace(/_bg\.wasm$/, '.js')}`],
  ['DuckDB-wasm (duckdb-eh.wasm)', `${ROOT}node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm`],
  ['Arquero (arquero.min.js)', `${ROOT}node_modules/arquero/dist/arquero.min.js`],
  ['PapaParse (papaparse.min.js)', `${ROOT}node_modules/papaparse/papaparse.min.js`],
  ['uDSV (uDSV.iife.min.js)', `${ROOT}node_modules/udsv/dist/uDSV.iife.min.js`],
].map(([name, path]) => ({ name, ...sizeOf(path) }));

const { server, url } = await serve(ROOT);
const browser = await launch(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
const version = browser.version();
const results = [];
let loads = [];
try {
  for (let run = 0; run <= runs; run++) {
    const ms = await timeLoad(browser, url);
    if (run > 0) loads.push(ms);
  }
  for (const rows of sizes) {
    const { path } = await dataFile(rows);
    const bytes = statSync(path).size;
    const dataUrl = `${url}${path.slice(ROOT.length)}`;
    const grantpool = await timeGrantpool(browser, url, dataUrl);
    const expected = grantpool.samples[0].check;
    if (grantpool.samples[0].rows !== rows) throw new Error(`grantpool read ${grantpool.samples[0].rows} of ${rows} rows`);
    const peers = {};
    for (const peer of [...PEERS, ...CEILINGS]) {
      peers[peer] = await timePeer(browser, url, dataUrl, peer);
      if (CEILINGS.includes(peer)) continue;
      const { rows: read, check } = peers[peer].samples[0];
      if (read !== rows) throw new Error(`${peer} read ${read} of ${rows} rows`);
      const [groups, services, pence] = check.split(',').map(Number);
      const [wantGroups, wantServices, wantPence] = expected.split(',').map(Number);
      // Tools that sum in floating point may be a few pence out over millions of rows.
      if (groups !== wantGroups || services !== wantServices || Math.abs(pence - wantPence) > Math.max(2, rows / 10_000)) {
        throw new Error(`${peer} totals ${check} differ from grantpool's ${expected}`);
      }
    }
    results.push({ rows, bytes, grantpool, peers });
    const g = median(grantpool.samples.map((s) => s.parse));
    console.log(
      `${rows} rows: grantpool parse ${fmt(g)} ms; ` +
        PEERS.map((p) => `${p} ${fmt(median(peers[p].samples.map((s) => s.parse)))} ms`).join(', '),
    );
  }
} finally {
  await browser.close();
  server.close();
}

const ratio = (peer, ours) => `${(peer / ours).toFixed(2)}×`;
const command = `node tests/bench/compare.mjs --rows ${sizes.join(',')} --runs ${runs}${write ? ' --write' : ''}`;
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, ${version}, with \`${command}\` after \`trunk build --release\`.`,
  `Median of ${runs} runs after one warm-up (minimum in brackets). "÷ grantpool" is the peer's time over grantpool's: above 1× grantpool is faster.`,
  '',
];
for (const { rows, bytes, grantpool, peers } of results) {
  const ours = (key) => grantpool.samples.map((s) => s[key]);
  const gParse = median(ours('parse'));
  const gAggregate = median(ours('aggregate'));
  const peak = Math.max(...ours('wasm'));
  lines.push(`#### ${rows.toLocaleString('en-GB')} rows (${mb(bytes).toFixed(1)} MB)`, '');
  lines.push('| tool | parse + type | rows/s | MB/s | parse ÷ grantpool | aggregate | aggregate ÷ grantpool | memory after |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  lines.push(
    `| **${NAMES.grantpool}** | ${fmt(gParse)} ms (${fmt(Math.min(...ours('parse')))}) | ${Math.round(rows / (gParse / 1000)).toLocaleString('en-GB')} | ${(mb(bytes) / (gParse / 1000)).toFixed(1)} | 1× | ${fmt(gAggregate)} ms | 1× | wasm ${mb(peak).toFixed(0)} MB (${(peak / bytes).toFixed(1)}× file, app and sample included) |`,
  );
  for (const peer of [...PEERS, ...CEILINGS]) {
    const { samples, workerMemory } = peers[peer];
    const parse = median(samples.map((s) => s.parse));
    const aggregate = median(samples.map((s) => s.aggregate));
    const heap = Math.max(...samples.map((s) => s.heap));
    const memory = peer === 'duckdb'
      ? `JS heap ${mb(heap).toFixed(0)} MB + DuckDB ${mb(workerMemory).toFixed(0)} MB in its worker`
      : `JS heap ${mb(heap).toFixed(0)} MB (${(heap / bytes).toFixed(1)}× file)`;
    const ceiling = CEILINGS.includes(peer);
    lines.push(
      `| ${NAMES[peer]} | ${fmt(parse)} ms (${fmt(Math.min(...samples.map((s) => s.parse)))}) | ${Math.round(rows / (parse / 1000)).toLocaleString('en-GB')} | ${(mb(bytes) / (parse / 1000)).toFixed(1)} | ${ratio(parse, gParse)} | ${ceiling ? '—' : `${fmt(aggregate)} ms`} | ${ceiling ? '—' : ratio(aggregate, gAggregate)} | ${ceiling ? '—' : memory} |`,
    );
  }
  lines.push('', `grantpool draws its first chart (ringfenced and flexible money by funder, 1000 × 560 canvas) ${fmt(median(ours('chart')))} ms after the data is ready.`, '');
}
lines.push(
  `**Load → first chart** (a fresh page, navigation start to the first chart drawn with the built-in sample): ${fmt(median(loads))} ms median (${fmt(Math.min(...loads))} min).`,
  '',
  '**What the browser downloads**',
  '',
  '| file | raw | gzip |',
  '|---|---:|---:|',
  ...downloads.map(({ name, raw, gzip }) => `| ${name} | ${(raw / 1024).toFixed(0)} KB | ${(gzip / 1024).toFixed(0)} KB |`),
);
const section = lines.join('\n');
console.log(`\n${section}`);
if (write) writeSection('peer-benchmark', section);
