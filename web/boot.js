// Starts the app: the wasm-bindgen glue, then the wasm (which mounts the app in place of the
// shell that index.html painted). An external module, so a strict Content-Security-Policy
// needs no inline script. `cargo xtask build` fills in CHUNKS and names these files by their
// bytes.
import * as glue from './yeyak-0000000000000000.js';

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

// The chunk loader reaches the glue through this name (see xtask/src/wasm_build.rs).
globalThis.__yeyakGlue = glue;
await glue.default({ module_or_path: new URL('./yeyak-0000000000000000_bg.wasm', import.meta.url) });
