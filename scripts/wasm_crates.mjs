// What each crate costs in the page's WebAssembly: `twiggy top` over a build that keeps its
// function names (no wasm-opt), each function's bytes summed by the crate its name starts
// with (generic code counted as the crate it was made for). Sizes are before wasm-opt and gzip; the shares are what BENCHMARKS.md quotes.
//
//   bash scripts/wasm_crates.sh   (builds that copy, installs twiggy if missing, runs this)
//   node scripts/wasm_crates.mjs FILE.csv   (the CSV of `twiggy top -n 1000000 -f csv`)
import { readFileSync } from 'node:fs';
import { machine, writeSection } from '../tests/bench/common.mjs';

const rows = readFileSync(process.argv[2], 'utf8').trim().split('\n').slice(1);
const bySection = new Map();
let total = 0;
for (const row of rows) {
  const match = row.match(/^(".*"|[^,]*),(\d+),/);
  if (!match) continue;
  const name = match[1].replace(/^"|"$/g, '').replace(/""/g, '"');
  const size = Number(match[2]);
  if (name.includes('function names') || name.includes('name section') || name.startsWith('"producers"')) continue;
  total += size;
  let crate;
  if (/^data\[\d+\]$/.test(name)) crate = '(data: strings, tables, the gazetteer)';
  else {
    // The first crate the name mentions that is not the standard library's, so generic code
    // made for a crate's types (`core::ptr::drop_in_place<tachys::…>`) counts as that crate's.
    const crates = [...name.matchAll(/(?:^|[^A-Za-z0-9_:])([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/g)].map((m) => m[1]);
    const own = crates.find((c) => !['core', 'alloc', 'std'].includes(c));
    crate = own ?? crates[0] ?? '(other: glue, tables, unnamed)';
  }
  bySection.set(crate, (bySection.get(crate) ?? 0) + size);
}
const sorted = [...bySection.entries()].sort((a, b) => b[1] - a[1]);
const kb = (size) => `${Math.round(size / 1024).toLocaleString('en-GB')} KB`;
const share = (size) => `${((100 * size) / total).toFixed(1)}%`;
// The crates only reading files needs: what a worker's own module would carry instead.
const READERS = ['calamine', 'zip', 'quick_xml', 'encoding_rs', 'csv', 'csv_core', 'fast_float2', 'zlib_rs', 'crc32fast', 'atoi_simd', 'codepage', 'byteorder'];
const readers = sorted.filter(([crate]) => READERS.includes(crate)).reduce((sum, [, size]) => sum + size, 0);
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()} with \`bash scripts/wasm_crates.sh --write\`: \`twiggy top\` over the page's WebAssembly built keeping its function names and without wasm-opt, each function's bytes summed by the crate it belongs to (generic code counted as the crate it was made for). Before wasm-opt and gzip, so read the shares.`,
  '',
  '| crate | bytes | share |',
  '|---|---:|---:|',
  ...sorted.slice(0, 25).map(([crate, size]) => `| ${crate} | ${kb(size)} | ${share(size)} |`),
  `| ${sorted.length - 25} others | ${kb(sorted.slice(25).reduce((sum, [, size]) => sum + size, 0))} | ${share(sorted.slice(25).reduce((sum, [, size]) => sum + size, 0))} |`,
  `| **all code and data** | ${kb(total)} | 100% |`,
  '',
  `The file readers alone (${READERS.filter((c) => bySection.has(c)).join(', ')}) are ${kb(readers)}, ${share(readers)} of the module: what a worker-only module could take off the page's download.`,
];
console.log(lines.join('\n'));
if (process.argv.includes('--write')) writeSection('wasm-crates', lines.join('\n'));
