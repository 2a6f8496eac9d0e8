// The workbook worker: reads a workbook in its own thread with grantpool's own module
// (read_workbook_json), so a workbook reader that fails on a damaged file stops only this
// worker and never the page. scripts/offline.mjs (from the post-build hook) writes this
// build's file names in.
import init, { read_workbook_json } from '__GLUE__';

let ready;

self.onmessage = async ({ data }) => {
  try {
    // The page hands over its module already compiled, so it is not fetched and compiled again.
    ready ??= init({ module_or_path: data.module ?? '__WASM__' });
    await ready;
    self.postMessage(read_workbook_json(data.name, data.bytes, data.sheet ?? undefined));
  } catch (error) {
    // A panic or running out of memory: the page reports the file and ends this worker.
    self.postMessage(JSON.stringify({ Failed: String(error) }));
  }
};
