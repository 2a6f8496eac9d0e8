// The import worker: reads a file the person chose in its own thread with grantpool's own
// module (FileImport; the page hands over its module already compiled, so the worker need not
// fetch and compile it again), so the page never holds the file's bytes and never stops while its rows
// are read. The first message hands it the File: it reads it a slice at a time and answers
// with its fingerprint (so the page can spot a file already loaded while the person maps its
// columns). The second hands it the page's choices: it reads the rows, says how far it has
// got, then hands the lines back in chunks the page takes one at a time.
// scripts/offline.mjs (from the post-build hook) writes this build's file names in.
import init, { FileImport } from '__GLUE__';

let ready;
/** Bytes read from the file at a time. */
const SLICE = 4 << 20;
/** Rows read between two looks at the clock. */
const ROWS = 5000;
/** How often the page hears how far the import has got, in milliseconds. */
const EVERY_MS = 100;

let job;

async function readFile(file, module) {
  ready ??= init({ module_or_path: module ?? '__WASM__' });
  await ready;
  job = new FileImport(file.size);
  const reader = new FileReaderSync();
  let told = performance.now();
  for (let at = 0; at < file.size; at += SLICE) {
    job.push(new Uint8Array(reader.readAsArrayBuffer(file.slice(at, at + SLICE))));
    if (performance.now() - told > EVERY_MS) {
      self.postMessage({ reading: Math.min(1, (at + SLICE) / file.size) });
      told = performance.now();
    }
  }
  self.postMessage({ fingerprint: job.fingerprint() });
}

function readRows({ name, options, context }) {
  if (!job.start(name, options, context)) {
    self.postMessage({ refused: job.refusal() });
    return;
  }
  let told = performance.now();
  for (;;) {
    const state = job.step(ROWS);
    if (state === 2) {
      self.postMessage({ refused: job.refusal() });
      return;
    }
    if (state === 1) break;
    if (performance.now() - told > EVERY_MS) {
      self.postMessage({ parsing: job.progress() });
      told = performance.now();
    }
  }
  const chunks = job.chunks();
  for (let index = 0; index < chunks; index += 1) {
    const chunk = job.chunk(index);
    self.postMessage({ chunk, of: chunks }, [chunk.buffer]);
  }
  job.free();
  job = undefined;
}

// Messages are handled one after another, each after the one before has finished.
let handled = Promise.resolve();
self.onmessage = ({ data }) => {
  handled = handled.then(async () => {
    try {
      if (data.file) await readFile(data.file, data.module);
      if (data.options) readRows(data);
    } catch (error) {
      // A panic or running out of memory: the page reports the file and ends this worker.
      self.postMessage({ failed: String(error) });
    }
  });
};
