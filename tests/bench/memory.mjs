// Where the renderer's memory goes through one import and save (issue #13): its resident
// memory, read from /proc every 20 ms, above the page at rest, by phase: reading the file
// before the mapping screen, reading its rows and handing them over, the figures, the save.
// Not a test: it measures, it does not pass or fail; it writes nothing.
//
//   node tests/bench/memory.mjs [--rows 1000000] [--series]
//
// With --series, the memory every 100 ms as well.
import { statSync } from 'node:fs';
import { launch } from '../support/browser.mjs';
import { serve } from '../support/server.mjs';
import { FIGURES_SHOWN, ROOT, SAVED, dataFile, firstFrameWhen, flag, option, pageRenderer, renderers, residentMemory } from './common.mjs';

const rows = Number(option('rows', '1000000'));
const series = flag('series');
const mb = (bytes) => (bytes / 1e6).toFixed(0);

const { name, path } = await dataFile(rows);
const bytes = statSync(path).size;
const { server, url } = await serve(ROOT);
const browser = await launch();

const before = await renderers(browser);
const context = await browser.newContext({ serviceWorkers: 'block' });
const page = await context.newPage();
await page.goto(`${url}dist/index.html`);
await page.getByTestId('figure-lines').waitFor();
const pid = await pageRenderer(browser, before);
const rest = residentMemory(pid).now;
const started = Date.now();
const samples = [];
const sampler = setInterval(() => samples.push([Date.now() - started, residentMemory(pid).now - rest]), 20);
const marks = [['file chosen', 0]];
await page.getByLabel('Choose files…').setInputFiles(path);
await page.getByRole('button', { name: `Import “${name}”` }).click();
marks.push(['Import pressed on the mapping screen', Date.now() - started]);
await firstFrameWhen(page, FIGURES_SHOWN, name);
marks.push(['its figures on screen', Date.now() - started]);
await firstFrameWhen(page, SAVED);
marks.push(['saved in the browser', Date.now() - started]);
await new Promise((resolve) => setTimeout(resolve, 300));
clearInterval(sampler);
const peak = residentMemory(pid).peak - rest;
await browser.close();
server.close();

console.log(`${rows.toLocaleString('en-GB')} rows, ${mb(bytes)} MB file; renderer at rest ${mb(rest)} MB; memory above rest, MB:`);
const phases = [
  ['reading the file, to the mapping screen', 0, 1],
  ['reading its rows and handing them over, to its figures on screen', 1, 2],
  ['the save', 2, 3],
];
for (const [phase, from, to] of phases) {
  const within = samples.filter(([at]) => at >= marks[from][1] && at <= marks[to][1]).map(([, memory]) => memory);
  const end = within.at(-1) ?? NaN;
  console.log(`  ${phase} (${((marks[to][1] - marks[from][1]) / 1000).toFixed(1)} s): highest ${mb(Math.max(...within))}, at its end ${mb(end)}`);
}
console.log(`  peak (high-water mark) ${mb(peak)} MB: ${(peak / bytes).toFixed(2)}× the file`);
if (series) {
  let last = -Infinity;
  for (const [at, memory] of samples) {
    if (at - last < 100) continue;
    last = at;
    const mark = marks.filter(([, when]) => when <= at && when > at - 100).map(([label]) => ` ← ${label}`).join('');
    console.log(`  ${(at / 1000).toFixed(1)} s ${mb(memory)}${mark}`);
  }
}
