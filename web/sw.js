// The offline shell: keeps this build's files so that a reload while the origin is down or
// overloaded still shows the service (its name, the helpline, the place a tab holds), and the
// app carries on by itself when the origin answers again. Registered by the boot script, scoped
// to the base path. `cargo xtask build` fills in BUILD and FILES from dist/ (never by hand).
//
// What it does:
// - the page (any navigation in scope): from the network, with a short timeout; if the origin
//   fails, answers 5xx or is too slow, the cached page of this build instead;
// - config.json: from the network, the cached copy when that fails;
// - files named by their digest: from any kept cache, else the network (a name is one set of
//   bytes forever, so a cached copy is never stale);
// - anything else, the API above all: not touched, never cached.
// A new build takes over at once, but a page keeps the files it started with: its names stay
// valid in the previous build's cache, which is kept.

const BUILD = '/* build */';
const FILES = /* files */ [];

const SCOPE = self.registration.scope;
const PREFIX = `yeyak ${SCOPE} `;
const CACHE = PREFIX + BUILD;
const PAGE = new URL('index.html', SCOPE).href;
const CONFIG = new URL('config.json', SCOPE).href;
const KEPT = new Set(FILES.map((file) => new URL(file, SCOPE).href));
// Longer than this and the page comes from the cache: a phone should not stare at nothing.
const PAGE_TIMEOUT_MS = 3500;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...KEPT]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Keep this build and the one before it (pages still open may need its chunks).
      const ours = (await caches.keys()).filter((name) => name.startsWith(PREFIX));
      const keep = new Set([CACHE, ...ours.filter((name) => name !== CACHE).slice(-1)]);
      await Promise.all(ours.filter((name) => !keep.has(name)).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !request.url.startsWith(SCOPE)) return;
  const path = url.pathname.slice(new URL(SCOPE).pathname.length);
  if (path === 'api' || path.startsWith('api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
  } else if (url.href === CONFIG) {
    event.respondWith(networkFirst(request, CONFIG));
  } else if (KEPT.has(url.href) || isHashed(url.pathname)) {
    event.respondWith(kept(request));
  }
});

// `name-0123456789abcdef.ext` or `name-0123456789abcdef_bg.wasm`: named by its bytes.
function isHashed(pathname) {
  return /-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(pathname);
}

async function page(request) {
  try {
    const response = await withTimeout(fetch(request), PAGE_TIMEOUT_MS);
    if (response.status < 500) return response;
  } catch {
    // Refused, reset or too slow: the cached page below.
  }
  const cached = await caches.match(PAGE, { cacheName: CACHE });
  if (!cached) return fetch(request);
  // The page says it came from here, so the app can tell the citizen the service is busy.
  const html = (await cached.text()).replace('<html', '<html data-yy-offline=""');
  const headers = new Headers(cached.headers);
  for (const name of ['content-encoding', 'content-length', 'etag']) headers.delete(name);
  return new Response(html, { status: 200, headers });
}

async function networkFirst(request, key) {
  try {
    const response = await withTimeout(fetch(request), PAGE_TIMEOUT_MS);
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(key, copy)).catch(() => {});
      return response;
    }
    if (response.status < 500) return response;
  } catch {
    // The cached copy below.
  }
  return (await caches.match(key)) ?? fetch(request);
}

async function kept(request) {
  // A fetch that asked to bypass caches (the boot script's retry) gets fresh bytes, kept.
  if (request.cache !== 'reload' && request.cache !== 'no-cache') {
    const cached = await caches.match(request.url, { ignoreVary: true });
    if (cached) return cached;
  }
  const response = await fetch(request);
  if (response.ok && KEPT.has(request.url)) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request.url, copy)).catch(() => {});
  }
  return response;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
