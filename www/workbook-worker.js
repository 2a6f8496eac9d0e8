// The workbook worker: reads a workbook in its own thread with grantpool's own module
// (read_workbook_json), so a workbook reader that fails on a damaged file stops only this
// worker and never the page. scripts/offline.mjs (from the post-build hook) writes this
// build's file names in.
import init, { read_workbook_json } from '__GLUE__';

const ready = init({ module_or_path: '__WASM__' });

self.onmessage = async ({ data }) => {
  try {
    await ready;
    self.postMessage(read_workbook_json(data.name, data.bytes, data.sheet ?? undefined));
  } catch (error) {
    // A panic or running out of memory: the page reports the file and ends this worker.
    self.postMessage(JSON.stringify({ Failed: String(error) }));
  }
};
