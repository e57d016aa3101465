// Starts the app: the wasm-bindgen glue, then the wasm (which mounts the app in place of the
// shell that index.html painted). An external module, so a strict Content-Security-Policy
// needs no inline script. `cargo xtask build` fills in CHUNKS and names these files by their
// bytes.
//
// A start that fails to load (a dropped request, a file that fails its integrity check, a
// half-finished deploy) is tried once more with every cache bypassed; if that fails too, the
// shell says so, with the helpline and a reload button. Never a blank page, never "Loading…"
// forever.

// Trusted Types (required by the page's CSP where the browser knows them): one `default`
// policy. It lets through the static markup Leptos fills its templates with, and refuses
// script in any form; what it refuses goes to the console for operators.
const UNSAFE_MARKUP = /<\s*(script|iframe|object|embed)\b|\son[a-z]+\s*=|javascript:/i;
if (globalThis.trustedTypes?.createPolicy) {
  try {
    globalThis.trustedTypes.createPolicy('default', {
      createHTML(markup) {
        if (UNSAFE_MARKUP.test(markup)) {
          console.error('yeyak: Trusted Types refused this markup:', markup);
          return null;
        }
        return markup;
      },
      // Scripts and workers come only from this origin (the service worker's registration).
      createScriptURL(url) {
        if (new URL(url, document.baseURI).origin === location.origin) return url;
        console.error('yeyak: Trusted Types refused this script URL:', url);
        return null;
      },
      createScript(text) {
        console.error('yeyak: Trusted Types refused a script from a string:', text);
        return null;
      },
    });
  } catch (error) {
    console.error('yeyak: no Trusted Types policy', error);
  }
}

// Korean is typed through an input method: the Enter that ends a syllable's composition belongs
// to the input method, so it never submits a form (or validates it, or moves focus to its error
// summary). Chrome marks it `isComposing`; Safari and some Android keyboards send it after the
// composition ends, as key code 229. One listener for every form the app has or will have.
document.addEventListener(
  'keydown',
  (event) => {
    if (event.key === 'Enter' && (event.isComposing || event.keyCode === 229) && event.target?.form) {
      event.preventDefault();
    }
  },
  true,
);

// Framed by a portal: embedded mode and its messages (web/embed.js), beside the app's start.
if (window.top !== window) {
  import('./embed-0000000000000000.js').then((embed) => embed.start()).catch(() => {});
}

// The wasm chunks each split point needs (filled in by xtask/src/wasm_build.rs).
const CHUNKS = /* chunks */ {};
// The routes whose pages live in each chunk (as in src/pages/later.rs, LaterPage::chunk).
const ROUTES = {
  verify: ['verify', 'verify/details', 'verify/approve', 'locked'],
  journey: ['queue', 'book', 'review', 'done', 'manage'],
};

const GLUE = new URL('./yeyak-0000000000000000.js', import.meta.url).href;
const WASM = new URL('./yeyak-0000000000000000_bg.wasm', import.meta.url).href;
// Set while the one retry runs (this tab only); cleared once the app has started. A frame
// without storage (sandboxed) gets no retry, only the message.
const RETRY = 'yy-boot-retry';
function retrying(set) {
  try {
    if (set === undefined) return sessionStorage.getItem(RETRY) !== null;
    if (set) sessionStorage.setItem(RETRY, '1');
    else sessionStorage.removeItem(RETRY);
    return true;
  } catch {
    return set === undefined;
  }
}

// Opened straight at a later page: fetch its chunk beside the main wasm, not after it.
const base = new URL(document.baseURI).pathname;
const here = location.pathname.startsWith(base)
  ? location.pathname.slice(base.length).replace(/\/+$/, '')
  : '';
for (const [split, routes] of Object.entries(ROUTES)) {
  if (!routes.includes(here)) continue;
  for (const file of CHUNKS[split] ?? []) {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = new URL(file, import.meta.url).href;
    document.head.append(link);
  }
}

// The digest index.html gives a file (`integrity` on its preload), or none.
function integrityOf(href) {
  for (const link of document.querySelectorAll('link[integrity]')) {
    if (link.href === href) return link.integrity;
  }
  return '';
}

// Loads the glue and compiles the wasm; throws if either cannot be had intact.
async function load() {
  const glue = await import(GLUE);
  const response = await fetch(WASM, { integrity: integrityOf(WASM), credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${WASM}: HTTP ${response.status}`);
  const module = await WebAssembly.compile(await response.arrayBuffer());
  return { glue, module };
}

// Fetches every file of the start again past the browser's and the worker's caches, so the
// reload that follows reads fresh, checked copies.
async function refetchStart() {
  const files = [...document.querySelectorAll('link[rel=modulepreload], link[rel=preload], link[rel=stylesheet]')]
    .map((link) => link.href);
  files.push(new URL(import.meta.url).href.split('?')[0]);
  await Promise.allSettled(files.map((href) => fetch(href, { cache: 'reload', credentials: 'same-origin' })));
}

// The shell's own message: what happened, the helpline, a reload button.
function showFailure() {
  const shell = document.getElementById('yy-boot');
  if (!shell) return;
  shell.classList.add('yy-boot--failed');
  for (const link of shell.querySelectorAll('a[data-yy-reload]')) link.href = location.href;
  shell.querySelector('h1')?.focus();
}

// After the app is up and the page is quiet: a worker that keeps this build's shell, so a
// reload while the origin is down still shows the service (web/sw.js). Nothing happens where
// workers are unavailable (an old browser, a sandboxed frame, storage refused).
function registerWorker() {
  const start = () => {
    try {
      navigator.serviceWorker
        ?.register(new URL('sw.js', document.baseURI).href, { scope: base, updateViaCache: 'none' })
        .catch((error) => console.info('yeyak: no offline shell:', error.message));
    } catch (error) {
      console.info('yeyak: no offline shell:', error.message);
    }
  };
  const later = () => setTimeout(start, 3000);
  if (document.readyState === 'complete') later();
  else addEventListener('load', later, { once: true });
}

let started;
try {
  started = await load();
} catch (error) {
  console.error('yeyak: the app did not load', error);
  if (!retrying() && retrying(true)) {
    await refetchStart();
    location.reload();
  } else {
    retrying(false);
    showFailure();
  }
}
if (started) {
  retrying(false);
  // The chunk loader reaches the glue through this name (see xtask/src/wasm_build.rs).
  globalThis.__yeyakGlue = started.glue;
  await started.glue.default({ module_or_path: started.module });
  registerWorker();
}
