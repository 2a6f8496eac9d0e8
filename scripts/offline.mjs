// Writes this build's service worker into the built site (called by scripts/csp.mjs, the
// trunk post-build hook): every file the page needs, and a version made from their contents,
// so a new build is a new version the page offers to load.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

/** Every file under `dir`, relative to it, with '/' between folders. */
function files(dir, root = dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, root) : [relative(root, path).split('\\').join('/')];
  });
}

/** Writes a worker (`dir`/ the template's name) from its template with this build's module and glue. */
export function writeWorker(dir, template) {
  const names = readdirSync(dir);
  const glue = names.find((name) => /^grantpool-[0-9a-f]+\.js$/.test(name));
  const wasm = names.find((name) => /^grantpool-[0-9a-f]+_bg\.wasm$/.test(name));
  if (!glue || !wasm) throw new Error('offline.mjs: the build has no grantpool module to load in the worker');
  const worker = readFileSync(template, 'utf8').replace('__GLUE__', `./${glue}`).replace('__WASM__', `./${wasm}`);
  writeFileSync(join(dir, basename(template)), worker);
}

/** Writes `dir`/sw.js from www/sw.js with the files of `dir` and their version. */
export function writeServiceWorker(dir, template) {
  const assets = files(dir).filter((name) => name !== 'sw.js').sort();
  const version = createHash('sha256');
  for (const name of assets) version.update(name).update(readFileSync(join(dir, name)));
  const list = ['./', ...assets.map((name) => `./${name}`)];
  const worker = readFileSync(template, 'utf8')
    .replace("'__VERSION__'", JSON.stringify(version.digest('hex').slice(0, 16)))
    .replace('__ASSETS__', JSON.stringify(list));
  writeFileSync(join(dir, 'sw.js'), worker);
  return list.length;
}
