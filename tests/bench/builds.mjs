// Two builds of grantpool side by side, run by run: a reload with the place saved, from
// navigation to the first chart drawn and to every figure up to date. Not a test: it times.
// For "what each change gave": run the build before a change against the build after it,
// alternating (each build first in every other run), so this machine's drift and a build's place
// in the pair fall on both alike.
//
//   node tests/bench/builds.mjs --rows 1000000 --runs 5 BEFORE_ROOT AFTER_ROOT
//
// Each root is a checkout whose dist/ holds a release build (`trunk build --release`); a build
// of an older commit can be made in a git worktree. Each build gets its own fresh context, the
// file imported once and saved, then the reloads take turns.
import { launch } from '../support/browser.mjs';
import { serve } from '../support/server.mjs';
import { FIGURES_SHOWN, FIRST_CHART_SHOWN, SAVED, dataFile, firstFrameWhen, fmt, median, option, pageWithFile, percentile } from './common.mjs';

const rows = Number(option('rows', 1_000_000));
const runs = Number(option('runs', 5));
const roots = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && !all[i - 1]?.startsWith('--'));
if (roots.length < 2) throw new Error('usage: builds.mjs [--rows N] [--runs N] BEFORE_ROOT AFTER_ROOT');

const { name, path } = await dataFile(rows);
const servers = await Promise.all(roots.map((root) => serve(root)));
const browser = await launch();
try {
  const pages = [];
  for (const { url } of servers) {
    // Each build in its own context, with the file imported and its work saved.
    const page = await pageWithFile(browser, `${url}dist/index.html`, path, name, 900_000);
    if ((await firstFrameWhen(page, SAVED)) < 0) throw new Error(`${url}: the work could not be saved`);
    pages.push(page);
  }
  const chart = roots.map(() => []);
  const every = roots.map(() => []);
  for (let run = 0; run < runs; run++) {
    // Each build goes first in every other run, so neither gains from its place in the pair.
    const order = run % 2 === 0 ? [...pages.entries()] : [...pages.entries()].reverse();
    for (const [k, page] of order) {
      await page.reload();
      chart[k].push(await firstFrameWhen(page, FIRST_CHART_SHOWN, name));
      every[k].push(await firstFrameWhen(page, FIGURES_SHOWN, name));
      await page.waitForTimeout(500);
    }
  }
  const spread = (v) => `${fmt(percentile(v, 25))}–${fmt(percentile(v, 75))}`;
  console.log(`${rows.toLocaleString('en-GB')} rows, ${runs} reloads each, alternating; medians (interquartile range), ms from navigation:`);
  roots.forEach((root, k) =>
    console.log(`${root}: first chart ${fmt(median(chart[k]))} (${spread(chart[k])}), every figure ${fmt(median(every[k]))} (${spread(every[k])})`),
  );
} finally {
  await browser.close();
  servers.forEach((s) => s.server.close());
}
