// grantpool's service worker: keeps the app and its built-in samples in this browser on the
// first visit, so the page loads and every feature works with the network off. Everything it
// serves comes from the page's own origin. scripts/offline.mjs writes this build's files and
// version into the copy in dist/; a new build is a new version, which the page offers to load
// ("A new version is ready").
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = `grantpool-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('grantpool-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// The page asks a waiting new version to take over when the person chooses to reload.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // This build's files first (they never change under one version), else the network.
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: request.mode === 'navigate' }))
      .then((hit) => hit ?? fetch(request)),
  );
});
