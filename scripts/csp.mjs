// Trunk post-build hook (Trunk.toml): writes a strict Content-Security-Policy into the built
// index.html, then the offline service worker (scripts/offline.mjs), so the browser itself enforces that the page loads and sends nothing beyond its
// own origin. Trunk's loader is an inline module script whose text changes with every build
// (it names the hashed files), so its SHA-256 is computed here and allowed by hash alone.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeServiceWorker, writeWorker } from './offline.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('csp.mjs: run by trunk as a post_build hook, or give the dist folder');
const path = join(dir, 'index.html');
let html = readFileSync(path, 'utf8');

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
);

/** Each directive and why (README "Content-Security-Policy" says the same). */
const POLICY = [
  // Everything not named below: this origin only.
  "default-src 'self'",
  // Our own scripts, Trunk's inline loader by hash, and compiling our WebAssembly.
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  // Our stylesheet; style attributes, which the page sets for pot colours and the drag ghost.
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  // Charts in the board pack are SVG data: URLs; downloads are blob: URLs.
  "img-src 'self' data: blob:",
  // Fetching the built-in samples (and, when serving for development, Trunk's reload socket).
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const meta = `<meta http-equiv="Content-Security-Policy" content="${POLICY}" />`;
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');
html = html.replace(/(<meta charset="utf-8" \/>)/, `$1\n    ${meta}`);
if (!html.includes(meta)) throw new Error('csp.mjs: index.html has no <meta charset="utf-8" /> to follow');
writeFileSync(path, html);
console.log(`csp.mjs: Content-Security-Policy written with ${hashes.length} inline script hash(es)`);

// The workbook and import workers, with this build's file names.
const www = join(dirname(fileURLToPath(import.meta.url)), '..', 'www');
writeWorker(dir, join(www, 'workbook-worker.js'));
writeWorker(dir, join(www, 'import-worker.js'));
// Last, once everything else is final: the service worker that keeps every file for offline use.
const template = join(www, 'sw.js');
console.log(`csp.mjs: service worker written, keeping ${writeServiceWorker(dir, template)} files`);
