// Starts reading the person's saved work from this browser (IndexedDB) as the page opens, while
// its WebAssembly downloads and compiles, rather than after: at a million lines the read takes
// a sixth of a second. The app takes the result once, as it restores (`prefetched_work` in
// app/src/web/browser/storage.rs), and reads the work itself when this found nothing or failed.
// Nothing leaves the page.
(() => {
  const read = () =>
    new Promise((resolve) => {
      const open = indexedDB.open('grantpool', 1);
      // Nothing saved yet: the app makes the database, so none is made here.
      open.onupgradeneeded = () => open.transaction.abort();
      open.onerror = () => resolve(null);
      open.onsuccess = () => {
        const database = open.result;
        try {
          const store = database.transaction('work', 'readonly').objectStore('work');
          const work = store.get('work');
          const place = store.get('place');
          place.onerror = () => resolve(null);
          // Requests in a transaction finish in order: the work record is read by now.
          place.onsuccess = () => {
            const saved = place.result;
            const bytes = saved instanceof Blob ? saved.arrayBuffer() : Promise.resolve(saved);
            bytes.then((bytes) => resolve({ work: work.result, place: bytes }), () => resolve(null));
          };
        } catch {
          resolve(null);
        } finally {
          // Closes once the read is done, so the app's own connections are never kept waiting.
          database.close();
        }
      };
    });
  try {
    window.grantpoolSavedWork = read().catch(() => null);
  } catch {
    window.grantpoolSavedWork = null;
  }
})();
