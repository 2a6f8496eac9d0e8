// Import benchmark: grantpool's real page against in-browser peers and ceilings, side by side
// in the same headless Chromium. Not a test: it times, it does not pass or fail.
//
//   node tests/bench/import.mjs [--rows 10000,100000,1000000] [--runs 5] [--write]
//                               [--baseline path/to/other/dist]
//
// With --baseline, each run also imports the file into another build's page (served from
// that dist/ folder) right after this build's, and a table of the two builds follows.
//
// grantpool: the time from pressing "Import" on the mapping screen to the import summary
// showing the file (reading the File, copying it into WebAssembly, parsing, typing, interning,
// totalling, and drawing the figures and chart). Peers run on bytes already in the page:
// a plain copy and a TextDecoder pass (ceilings), and PapaParse doing the same job (parse,
// type the amounts, total £ by funder × ringfenced). With --write the table replaces the
// import section of BENCHMARKS.md.
import { statSync } from 'node:fs';
import { launch } from '../support/browser.mjs';
import { serve } from '../support/server.mjs';
import { ROOT, dataFile, flag, fmt, machine, median, option, writeSection } from './common.mjs';

const sizes = option('rows', '10000,100000,1000000').split(',').map(Number);
const runs = Number(option('runs', '5'));
const write = flag('write');
const baseline = option('baseline', null);
const mb = (bytes) => bytes / 1e6;

async function timeGrantpool(browser, pageUrl, file, name) {
  const page = await browser.newPage({ serviceWorkers: 'block' });
  await page.goto(pageUrl);
  await page.getByTestId('figure-lines').waitFor();
  await page.getByLabel('Choose files…').setInputFiles(file);
  const button = page.getByRole('button', { name: `Import “${name}”` });
  await button.waitFor();
  const started = await button.evaluate((element) => {
    const now = performance.now();
    element.click();
    return now;
  });
  const finished = await page.waitForFunction(
    (file) => {
      const summary = document.querySelector('[aria-label="Import summary"]');
      return summary && summary.innerText.includes(file) ? performance.now() : false;
    },
    name,
    { polling: 'raf', timeout: 600_000 },
  );
  const ended = await finished.jsonValue();
  const memory = await page.evaluate(() => ({
    wasm: window.wasmBindings.wasm_memory_bytes(),
    js: performance.memory?.usedJSHeapSize ?? 0,
  }));
  const lines = await page.getByTestId('figure-lines').innerText();
  await page.close();
  return { ms: ended - started, memory, lines };
}

async function timePeers(browser, url, file) {
  const page = await browser.newPage({ serviceWorkers: 'block' });
  await page.goto(`${url}tests/bench/peers.html`);
  await page.waitForFunction(() => window.benchReady === true);
  await page.evaluate((path) => window.bench.load(path), `${url}${file.slice(ROOT.length)}`);
  const result = {};
  for (const peer of ['copy', 'decode', 'papaparse']) {
    const { parse, aggregate, rows } = await page.evaluate((name) => window.bench.run(name), peer);
    result[peer] = parse + aggregate;
    if (peer === 'papaparse') result.papaRows = rows;
  }
  await page.close();
  return result;
}

const { server, url } = await serve(ROOT);
const other = baseline ? await serve(baseline) : null;
const browser = await launch(['--enable-precise-memory-info']);
const version = browser.version();
const rowsOut = [];
try {
  for (const rows of sizes) {
    const { name, path: file } = await dataFile(rows);
    const bytes = statSync(file).size;
    const grantpool = [];
    const before = { ms: [], wasm: [] };
    const peers = { copy: [], decode: [], papaparse: [] };
    let memory = { wasm: 0, js: 0 };
    let lines = '';
    const total = runs + 1; // the first run of each is a warm-up, not counted
    for (let run = 0; run < total; run++) {
      const g = await timeGrantpool(browser, `${url}dist/index.html`, file, name);
      const b = other ? await timeGrantpool(browser, `${other.url}index.html`, file, name) : null;
      const p = await timePeers(browser, url, file);
      if (run === 0) continue;
      if (b) {
        before.ms.push(b.ms);
        before.wasm.push(b.memory.wasm);
      }
      grantpool.push(g.ms);
      memory = { wasm: Math.max(memory.wasm, g.memory.wasm), js: Math.max(memory.js, g.memory.js) };
      lines = g.lines;
      for (const peer of Object.keys(peers)) peers[peer].push(p[peer]);
      if (p.papaRows !== rows) throw new Error(`PapaParse read ${p.papaRows} rows of ${rows}`);
    }
    if (lines.replace(/,/g, '') !== String(rows)) throw new Error(`grantpool imported ${lines} of ${rows}`);
    rowsOut.push({ rows, bytes, grantpool, peers, memory, before });
    console.log(
      `${rows} rows (${mb(bytes).toFixed(1)} MB): grantpool median ${fmt(median(grantpool))} ms; ` +
        `PapaParse ${fmt(median(peers.papaparse))} ms; TextDecoder ${fmt(median(peers.decode))} ms; copy ${fmt(median(peers.copy))} ms; ` +
        `wasm memory ${mb(memory.wasm).toFixed(0)} MB`,
    );
  }
} finally {
  await browser.close();
  server.close();
  other?.server.close();
}

const command = `node tests/bench/import.mjs --rows ${sizes.join(',')} --runs ${runs}${baseline ? ` --baseline ${baseline}` : ''}${write ? ' --write' : ''}`;
const table = [
  '| rows | file | grantpool median (min) | grantpool rows/s | grantpool MB/s | PapaParse median | PapaParse ÷ grantpool | TextDecoder pass | plain copy | wasm memory after | JS heap after |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rowsOut.map(({ rows, bytes, grantpool, peers, memory }) => {
    const g = median(grantpool);
    return `| ${rows.toLocaleString('en-GB')} | ${mb(bytes).toFixed(1)} MB | ${fmt(g)} ms (${fmt(Math.min(...grantpool))}) | ${Math.round(rows / (g / 1000)).toLocaleString('en-GB')} | ${(mb(bytes) / (g / 1000)).toFixed(1)} | ${fmt(median(peers.papaparse))} ms | ${(median(peers.papaparse) / g).toFixed(2)}× | ${fmt(median(peers.decode))} ms | ${fmt(median(peers.copy))} ms | ${mb(memory.wasm).toFixed(0)} MB (${(memory.wasm / bytes).toFixed(1)}× file) | ${mb(memory.js).toFixed(0)} MB |`;
  }),
].join('\n');
const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, ${version}, with \`${command}\`.`,
  `Median of ${runs} runs after one warm-up (minimum in brackets).`,
  '',
  table,
].join('\n');
console.log(`\n${section}`);
if (write) writeSection('import-benchmark', section);
if (baseline) {
  console.log(`\nThis build against ${baseline}, interleaved run by run (medians, range in brackets):\n`);
  console.log('| rows | this build | baseline | ratio | wasm memory, this build / baseline |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const { rows, grantpool, memory, before } of rowsOut) {
    const [ours, theirs] = [median(grantpool), median(before.ms)];
    const range = (list) => `${fmt(Math.min(...list))}–${fmt(Math.max(...list))}`;
    console.log(
      `| ${rows.toLocaleString('en-GB')} | ${fmt(ours)} ms (${range(grantpool)}) | ${fmt(theirs)} ms (${range(before.ms)}) | ${(ours / theirs).toFixed(2)}× | ${mb(memory.wasm).toFixed(0)} / ${mb(Math.max(...before.wasm)).toFixed(0)} MB |`,
    );
  }
}
