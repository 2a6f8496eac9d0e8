// Drill-through, filters and scenarios benchmark (issue #12), in the real page: from a press of
// "Lines behind" (the largest funder group of the map) to the panel's count and total on screen
// and the next frame painted; from "Leave out this funder" (and "Clear filters") to every
// figure and chart redrawn; and from choosing the fourth scenario to compare to the four
// scenarios' comparison redrawn. Not a test: it times, it does not pass or fail.
//
//   node tests/bench/drill.mjs [--rows 100000,1000000] [--times 12] [--write]
import { dataFile, flag, fmt, inBrowser, machine, option, percentile, writeSection, pageWithFile } from './common.mjs';

const sizes = option('rows', '100000,1000000').split(',').map(Number);
const times = Number(option('times', '12'));
const write = flag('write');

async function timeAll(browser, pageUrl, file, name, count) {
  const page = await pageWithFile(browser, pageUrl, file, name);
  // Four scenarios, each with a pot holding the largest funder group.
  await page.getByRole('button', { name: 'New pot' }).click();
  await page.locator('.funding-map li.group input[type="checkbox"]').first().check();
  await page.getByRole('button', { name: /^Move [\d,]+ selected lines$/ }).click();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Duplicate scenario' }).click();
  const samples = await page.evaluate(async (count) => {
    const { benchFrame: frame, benchSettled: settled, benchTimed: timed } = window;
    const button = (text, within = document) => [...within.querySelectorAll('button')].find((b) => b.textContent.trim() === text);
    const panel = () => document.querySelector('[aria-label="Lines behind the selection"]');
    const out = { open: [], filter: [], clear: [], compare: [] };
    for (let i = 0; i < count + 2; i++) {
      const open = await timed(() => document.querySelector('.funding-map .group-open').click());
      if (!panel()?.querySelector('[data-testid="drill-count"]')) throw new Error('the panel did not open');
      const filter = await timed(() => button('Leave out this funder', panel()).click());
      const clear = await timed(() => button('Clear filters').click());
      if (i >= 2) out.open.push(open), out.filter.push(filter), out.clear.push(clear);
    }
    button('Compare scenarios').click();
    await settled();
    for (let i = 0; i < count + 2; i++) {
      const boxes = [...document.querySelectorAll('.compare-choice input[type="checkbox"]')];
      boxes[3].click(); // three compared
      await settled();
      await frame();
      const compare = await timed(() => boxes[3].click()); // four compared
      if (i >= 2) out.compare.push(compare);
    }
    return out;
  }, count);
  await page.close();
  return samples;
}

const { version, results } = await inBrowser(async ({ browser, url }) => {
  const results = [];
  for (const rows of sizes) {
    const { name, path: file } = await dataFile(rows);
    const samples = await timeAll(browser, `${url}dist/index.html`, file, name, times);
    results.push({ rows, ...samples });
    console.log(`${rows} lines: open p95 ${fmt(percentile(samples.open.map((s) => s.painted), 95))} ms; filter p95 ${fmt(percentile(samples.filter.map((s) => s.painted), 95))} ms; compare p95 ${fmt(percentile(samples.compare.map((s) => s.painted), 95))} ms`);
  }
  return results;
});

const command = `node tests/bench/drill.mjs --rows ${sizes.join(',')} --times ${times}${write ? ' --write' : ''}`;
// Issue #12's targets, by what is timed and the place's size.
const target = (what, rows) =>
  ({ open: 100, filter: rows >= 1_000_000 ? 50 : 16, clear: rows >= 1_000_000 ? 50 : 16, compare: 150 })[what];
const cell = (samples, p) => fmt(percentile(samples.map((s) => s.painted), p));
const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, ${version}, with \`${command}\`.`,
  `${times} of each at each size (after 2 warm-ups), on a place with four scenarios, each with one pot holding the largest funder group. Times run from the press to the next frame painted after all the work it queued.`,
  '',
  '| lines | what | p50 | p95 | target (p95) | met? |',
  '|---:|:---|---:|---:|---:|:---|',
  ...results.flatMap((r) =>
    [
      ['open', 'Lines behind the largest group: panel with count and total'],
      ['filter', 'Leave out this funder: every figure redrawn'],
      ['clear', 'Clear filters: every figure redrawn'],
      ['compare', 'Four scenarios compared'],
    ].map(([key, label]) => {
      const p95 = percentile(r[key].map((s) => s.painted), 95);
      const goal = target(key, r.rows);
      return `| ${r.rows.toLocaleString('en-GB')} | ${label} | ${cell(r[key], 50)} ms | ${fmt(p95)} ms | ${goal} ms | ${p95 <= goal ? 'yes' : 'no'} |`;
    }),
  ),
].join('\n');
console.log(`\n${section}`);
if (write) writeSection('drill-benchmark', section);
