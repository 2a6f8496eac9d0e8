// The import worker: reads a file the person chose in its own thread with grantpool's own
// module (FileImport; the page hands over its module already compiled, so the worker need not
// fetch and compile it again), so the page never holds the file's bytes and never stops while its rows
// are read. The first message hands it the File: it reads it a slice at a time and answers
// with its fingerprint (so the page can spot a file already loaded while the person maps its
// columns); it keeps the slices only of a file whose rows cannot be read as they arrive (a
// workbook, say). The second hands it the page's choices: it reads the file again a slice at a
// time, reading rows as each arrives (so a large CSV is never held whole), says how far it has
// got, then hands the lines back in chunks the page takes one at a time, and ends.
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

/** The file could not be read: it changed on disk after it was chosen, or went away. */
class Unreadable extends Error {}

/** `read()`, with a failure to read the file said as `Unreadable`. */
async function reading(read) {
  try {
    return await read();
  } catch (error) {
    throw new Unreadable(String(error));
  }
}

/** The file the first message handed over, read again for its rows. */
let theFile;

/**
 * Calls `take` with each slice of `file` (of up to SLICE bytes) in turn, and the bytes read
 * so far, until `take` returns false. The slices are read
 * into one buffer, used again for each (a byte stream read "bring your own buffer"): a slice
 * read as a new ArrayBuffer each time is left to the garbage collector, which, beside the
 * worker's growing memory, let a 250 MB file's slices pile up to 250 MB more.
 */
async function eachSlice(file, take) {
  let reader;
  try {
    reader = file.stream().getReader({ mode: 'byob' });
  } catch {
    // A browser whose Blob streams are not byte streams.
    const sync = new FileReaderSync();
    for (let at = 0; at < file.size; at += SLICE) {
      const slice = new Uint8Array(await reading(() => sync.readAsArrayBuffer(file.slice(at, at + SLICE))));
      if (take(slice, at + slice.length) === false) return;
    }
    return;
  }
  let buffer = new ArrayBuffer(SLICE);
  let filled = 0;
  let read = 0;
  for (;;) {
    const { value, done } = await reading(() => reader.read(new Uint8Array(buffer, filled, SLICE - filled)));
    if (value) {
      // The buffer was handed to the stream and comes back as the value's.
      buffer = value.buffer;
      filled += value.length;
    }
    if (filled === SLICE || (done && filled > 0)) {
      read += filled;
      if (take(new Uint8Array(buffer, 0, filled), read) === false) {
        await reader.cancel();
        return;
      }
      filled = 0;
    }
    if (done) return;
  }
}

async function readFile(file, module) {
  ready ??= init({ module_or_path: module ?? '__WASM__' });
  await ready;
  job = new FileImport(file.size);
  theFile = file;
  let told = performance.now();
  await eachSlice(file, (slice, read) => {
    job.push(slice);
    if (performance.now() - told > EVERY_MS) {
      self.postMessage({ reading: Math.min(1, read / file.size) });
      told = performance.now();
    }
  });
  self.postMessage({ fingerprint: job.fingerprint() });
}

/** What `job.step` says. */
const MORE = 0;
const FINISHED = 1;
const REFUSED = 2;
const HUNGRY = 3;
const AGAIN = 4;

async function readRows({ name, options, context }) {
  if (!job.start(name, options, context)) {
    self.postMessage({ refused: job.refusal() });
    return;
  }
  let told = performance.now();
  // Reads rows until the job finishes, is refused, or needs more of the file.
  const run = () => {
    for (;;) {
      const state = job.step(ROWS);
      if (state !== MORE) return state;
      if (performance.now() - told > EVERY_MS) {
        self.postMessage({ parsing: job.progress() });
        told = performance.now();
      }
    }
  };
  let state = job.needsFile() ? HUNGRY : run();
  // Read the file again from its start, reading rows as each slice arrives; once more, whole,
  // when its header was not in its first slice.
  for (let pass = 0; pass < 2 && (state === HUNGRY || state === AGAIN); pass += 1) {
    state = HUNGRY;
    await eachSlice(theFile, (slice) => {
      job.push(slice);
      state = run();
      return state === HUNGRY;
    });
    if (state === HUNGRY) {
      job.endOfFile();
      state = run();
    }
  }
  if (state === REFUSED) {
    self.postMessage({ refused: job.refusal() });
    return;
  }
  if (state !== FINISHED) throw new Error('the file ended before its rows were read');
  const chunks = job.chunks();
  for (let index = 0; index < chunks; index += 1) {
    const chunk = job.chunk(index);
    self.postMessage({ chunk, of: chunks }, [chunk.buffer]);
  }
  job.free();
  job = undefined;
  // Every chunk is on its way to the page (messages posted before closing still arrive): end
  // the worker now, so its memory (the file and its lines) is freed while the page takes them.
  self.close();
}

// Messages are handled one after another, each after the one before has finished.
let handled = Promise.resolve();
self.onmessage = ({ data }) => {
  handled = handled.then(async () => {
    try {
      if (data.file) await readFile(data.file, data.module);
      if (data.options) await readRows(data);
    } catch (error) {
      // A panic or running out of memory: the page reports the file and ends this worker. A
      // file changed on disk since it was chosen can no longer be read (the browser refuses).
      self.postMessage({ failed: String(error), unreadable: error instanceof Unreadable });
    }
  });
};
