// Speed against the best in-browser peers, side by side in one headless Chromium run.
// Not a test: it times, it does not pass or fail (but it stops if any tool's sum for any group
// differs from grantpool's, in any run, so the comparison stays honest).
//
//   node tests/bench/compare.mjs [--rows 10000,100000,1000000] [--runs 10] [--write]
//
// Each tool does the same job on the same seeded 360Giving-shaped CSV, already in its page:
// parse it and type the amounts ("parse + type"), then total £ by funder × ringfenced and by
// service ("aggregate"); the headline is the two end to end. grantpool runs its core (the same
// code the app runs on import) in the app's own page through `window.wasmBindings.BenchPlace`;
// the peers run in tests/bench/peers.html, loaded from this repository's node_modules on
// loopback. Every tool has its own page, open throughout, and the tools take turns run by run
// (the order rotating), so each sees the same machine noise. Also timed: grantpool drawing its
// first chart once the data is ready, the page from navigation to the first chart on screen,
// and the ceilings (a plain copy of the bytes, one TextDecoder pass). With --write the tables
// replace the peer section of BENCHMARKS.md.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { launch } from '../support/browser.mjs';
import { serve } from '../support/server.mjs';
import { ROOT, dataFile, flag, fmt, machine, median, option, percentile, writeSection } from './common.mjs';

const sizes = option('rows', '10000,100000,1000000').split(',').map(Number);
const runs = Number(option('runs', '10'));
const write = flag('write');
const mb = (bytes) => bytes / 1e6;
const PEERS = ['udsv', 'papaparse', 'papaparse-worker', 'duckdb', 'arquero'];
const CEILINGS = ['copy', 'decode'];
const NAMES = {
  grantpool: 'grantpool (Rust → wasm)',
  udsv: 'uDSV 0.7 (typed columns; aggregate: the harness’s Map loop)',
  papaparse: 'PapaParse 5.7 (main thread; aggregate: the harness’s Map loop)',
  'papaparse-worker': 'PapaParse 5.7 (worker; aggregate: the harness’s Map loop)',
  duckdb: 'DuckDB-wasm 1.32 (read_csv of the kept columns, one GROUPING SETS query)',
  arquero: 'Arquero 7.2 (fromCSV, groupby().rollup())',
  copy: 'ceiling: plain copy of the bytes',
  decode: 'ceiling: one TextDecoder pass',
};

/** grantpool's page, open with the file's bytes fetched; `run()` times one parse + aggregate. */
async function grantpoolPage(browser, url, dataUrl) {
  const page = await browser.newPage({ serviceWorkers: 'block' });
  await page.goto(`${url}dist/index.html`);
  await page.locator('canvas[data-drawn="true"]').first().waitFor();
  await page.evaluate(async (dataUrl) => {
    window.benchBytes = new Uint8Array(await (await fetch(dataUrl)).arrayBuffer());
  }, dataUrl);
  const run = () =>
    page.evaluate(() => {
      window.gc?.();
      const bytes = window.benchBytes;
      const place = new window.wasmBindings.BenchPlace();
      let started = performance.now();
      const rows = place.parse('grants.csv', bytes);
      const parse = performance.now() - started;
      started = performance.now();
      place.aggregate();
      const aggregate = performance.now() - started;
      const sums = place.group_sums();
      const canvas = document.createElement('canvas');
      canvas.width = 1000;
      canvas.height = 560;
      started = performance.now();
      place.draw_chart(canvas);
      const chart = performance.now() - started;
      window.gc?.();
      // The whole footprint with the place alive: WebAssembly memory, the page's copy of the
      // file, and the JS heap.
      const wasm = window.wasmBindings.wasm_memory_bytes();
      const heap = performance.memory?.usedJSHeapSize ?? 0;
      place.free();
      return { parse, aggregate, chart, sums, rows, wasm, heap, file: bytes.length };
    });
  return { page, run };
}

/** One peer's page, open with the bytes loaded; `run()` times one parse + aggregate. */
async function peerPage(browser, url, dataUrl, peer) {
  const page = await browser.newPage({ serviceWorkers: 'block' });
  await page.goto(`${url}tests/bench/peers.html`);
  await page.waitForFunction(() => window.benchReady === true);
  await page.evaluate((address) => window.bench.load(address), dataUrl);
  const run = () => page.evaluate((name) => window.bench.run(name), peer);
  return { page, run };
}

/** The lines of `sums` (`F\tfunder\tstatus\tpence`, `S\tservice\tpence`) as a map to pence. */
function groupSums(sums) {
  const map = new Map();
  for (const line of sums.split('\n').filter(Boolean)) {
    const parts = line.split('\t');
    map.set(parts.slice(0, -1).join('\t'), Number(parts.at(-1)));
  }
  return map;
}

/** Throws unless `sums` has grantpool's groups, each within `slack` pence of its sum. */
function checkGroups(tool, sums, expected, slack) {
  const got = groupSums(sums);
  const want = groupSums(expected);
  if (got.size !== want.size) throw new Error(`${tool} has ${got.size} groups, grantpool ${want.size}`);
  for (const [group, pence] of want) {
    const theirs = got.get(group);
    if (theirs === undefined || Math.abs(theirs - pence) > slack) {
      throw new Error(`${tool}'s ${group.replace(/\t/g, ' / ')} is ${theirs}, grantpool's ${pence}`);
    }
  }
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
    const tools = { grantpool: await grantpoolPage(browser, url, dataUrl) };
    for (const peer of [...PEERS, ...CEILINGS]) tools[peer] = await peerPage(browser, url, dataUrl, peer);
    const names = Object.keys(tools);
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    let expected = null;
    for (let run = 0; run <= runs; run++) {
      // Run by run, every tool once, starting one further along each time.
      for (let turn = 0; turn < names.length; turn++) {
        const name = names[(run + turn) % names.length];
        const result = await tools[name].run();
        if (name === 'grantpool') {
          if (result.rows !== rows) throw new Error(`grantpool read ${result.rows} of ${rows} rows`);
          expected ??= result.sums;
          checkGroups('grantpool', result.sums, expected, 0);
        }
        if (run > 0) samples[name].push(result);
      }
      // Every group of every tool, every run (the tools summing in floating point may be a
      // penny or so out in a group of many rows).
      for (const peer of PEERS) {
        const last = run > 0 ? samples[peer].at(-1) : null;
        if (!last) continue;
        if (last.rows !== rows) throw new Error(`${peer} read ${last.rows} of ${rows} rows`);
        checkGroups(peer, last.sums, expected, peer === 'arquero' ? Math.max(2, rows / 10_000) : 0);
      }
    }
    const workerMemory = await tools.duckdb.page.evaluate(() => window.bench.duckdbMemory());
    for (const name of names) await tools[name].page.close();
    const grantpool = { samples: samples.grantpool };
    const peers = Object.fromEntries([...PEERS, ...CEILINGS].map((p) => [p, { samples: samples[p], workerMemory: p === 'duckdb' ? workerMemory : 0 }]));
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
const quartiles = (values) => `${fmt(percentile(values, 25))}–${fmt(percentile(values, 75))}`;
const command = `node tests/bench/compare.mjs --rows ${sizes.join(',')} --runs ${runs}${write ? ' --write' : ''}`;
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, ${version}, with \`${command}\` after \`trunk build --release\`.`,
  `${runs} runs of every tool after one warm-up, the tools taking turns run by run; the median, with the interquartile range under it. "÷ grantpool" is the tool's median over grantpool's: above 1× grantpool is faster. Every run of every tool matched grantpool's sum for every funder × ringfenced group and every service.`,
  '',
];
for (const { rows, bytes, grantpool, peers } of results) {
  const ours = (key) => grantpool.samples.map((s) => s[key]);
  const endToEnd = (samples) => samples.map((s) => s.parse + s.aggregate);
  const gBoth = median(endToEnd(grantpool.samples));
  const gParse = median(ours('parse'));
  const gAggregate = median(ours('aggregate'));
  const footprint = Math.max(...grantpool.samples.map((s) => s.wasm + s.file + s.heap));
  lines.push(`#### ${rows.toLocaleString('en-GB')} rows (${mb(bytes).toFixed(1)} MB)`, '');
  lines.push('| tool | parse + aggregate | ÷ grantpool | parse + type (IQR) | parse ÷ grantpool | aggregate (IQR) | aggregate ÷ grantpool | memory with the data held, after a GC |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  lines.push(
    `| **${NAMES.grantpool}** | ${fmt(gBoth)} ms | 1× | ${fmt(gParse)} ms (${quartiles(ours('parse'))}) | 1× | ${fmt(gAggregate)} ms (${quartiles(ours('aggregate'))}) | 1× | ${mb(footprint).toFixed(0)} MB (${(footprint / bytes).toFixed(1)}× file): wasm memory, the page's copy of the file and the JS heap |`,
  );
  for (const peer of [...PEERS, ...CEILINGS]) {
    const { samples, workerMemory } = peers[peer];
    const parse = median(samples.map((s) => s.parse));
    const aggregate = median(samples.map((s) => s.aggregate));
    const both = median(endToEnd(samples));
    const heap = Math.max(...samples.map((s) => s.heap));
    const memory = peer === 'duckdb'
      ? `JS heap ${mb(heap).toFixed(0)} MB + DuckDB ${mb(workerMemory).toFixed(0)} MB in its worker`
      : `JS heap ${mb(heap).toFixed(0)} MB (${(heap / bytes).toFixed(1)}× file)`;
    const ceiling = CEILINGS.includes(peer);
    lines.push(
      `| ${NAMES[peer]} | ${ceiling ? '—' : `${fmt(both)} ms`} | ${ceiling ? '—' : ratio(both, gBoth)} | ${fmt(parse)} ms (${quartiles(samples.map((s) => s.parse))}) | ${ratio(parse, gParse)} | ${ceiling ? '—' : `${fmt(aggregate)} ms (${quartiles(samples.map((s) => s.aggregate))})`} | ${ceiling ? '—' : ratio(aggregate, gAggregate)} | ${memory} |`,
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
