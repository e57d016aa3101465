// Embedded mode, loaded by the boot script only when the page is framed. It switches on when
// the frame's parent is one of the portal origins in config.json (`embed.parent_origins`), and
// then speaks the protocol of docs/embedding.md with that origin alone (never `*`):
//   to the portal:   yeyak:ready, yeyak:resize {height}, yeyak:step {step}, yeyak:booked, yeyak:help
//   from the portal: yeyak:locale {locale: 'ko' | 'en'}; every other message is ignored.
// No message carries personal data: no name, birth date, phone or reservation number.

/** The origin of the page that frames this one, as far as the browser tells it. */
function parentOrigin() {
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[0];
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

/** The route without the base path: `verify`, `book`, `done`; `start` for the first page. */
function step() {
  const base = new URL(document.baseURI).pathname;
  const path = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : location.pathname;
  return path.replace(/\/+$/, '').replace(/^\/+/, '') || 'start';
}

export async function start() {
  const parent = parentOrigin();
  if (!parent) return;
  let config;
  try {
    config = await (await fetch('config.json', { cache: 'no-cache' })).json();
  } catch {
    return;
  }
  const allowed = config?.embed?.parent_origins ?? [];
  if (!allowed.includes(parent)) return;

  document.documentElement.classList.add('yy-embedded');
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = new URL('./embed-0000000000000000.css', import.meta.url).href;
  document.head.append(sheet);
  // The portal's theme (brand colours and fonts as CSS custom properties), a file beside
  // config.json; high contrast still wins, being set closer to the content.
  const theme = config.embed.theme;
  if (typeof theme === 'string' && /^[\w.-]+\.css$/.test(theme)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = theme;
    document.head.append(link);
  }
  const post = (message) => window.parent.postMessage(message, parent);

  // The app is on screen once its language control is there (the shell shows until then).
  const mounted = new Promise((resolve) => {
    const there = () => document.querySelector('.yy-header__language');
    if (there()) return resolve();
    const watch = new MutationObserver(() => {
      if (there()) {
        watch.disconnect();
        resolve();
      }
    });
    watch.observe(document.body, { childList: true, subtree: true });
  });

  // First word to the portal: embedded mode is on and listening.
  let current = step();
  post({ type: 'yeyak:ready', step: current });

  // The document's height whenever it changes, so the frame never needs a scrollbar of its own.
  let height = 0;
  const measure = () => {
    const now = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (now !== height) {
      height = now;
      post({ type: 'yeyak:resize', height });
    }
  };
  new ResizeObserver(measure).observe(document.documentElement);

  // Each route change retitles the page; the step is read from the address then.
  const onTitle = () => {
    const next = step();
    if (next === current) return;
    current = next;
    post({ type: 'yeyak:step', step: next });
    if (next === 'done') post({ type: 'yeyak:booked' });
  };
  new MutationObserver(onTitle).observe(document.head, { subtree: true, childList: true, characterData: true });

  // The helpline pressed: the portal may offer its own help beside the call.
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('a[href^="tel:"]')) post({ type: 'yeyak:help' });
  });

  // The portal's language switch: the app's own control does the rest (and is remembered).
  window.addEventListener('message', (event) => {
    if (event.origin !== parent || event.source !== window.parent) return;
    const data = event.data;
    if (!data || data.type !== 'yeyak:locale' || (data.locale !== 'ko' && data.locale !== 'en')) return;
    mounted.then(() => {
      if (document.documentElement.lang !== data.locale) document.querySelector('.yy-header__language')?.click();
    });
  });

  measure();
}
