// The portal's side of the protocol in docs/embedding.md: frame the service, follow its height,
// hear its steps, and pass on the portal's language. The service's address comes from `?app=`.
const app = new URL(new URLSearchParams(location.search).get('app') ?? 'http://127.0.0.1:8080/');
const frame = document.getElementById('yeyak');
const log = document.getElementById('events');
/** Every message received from the service, in order (read by the test suite too). */
window.portalEvents = [];
// The citizen's last step, kept for this tab: a reload of the whole portal page reopens the
// frame there, and the service (which keeps the journey in its own tab storage) shows the place
// in line or the booking without verifying again. A step is a route, never personal data.
const STEP_KEY = 'portal-yeyak-step';
const STEP = /^[a-z]+(\/[a-z]+)?$/;
function remember(step) {
  try {
    if (step === 'start') sessionStorage.removeItem(STEP_KEY);
    else if (STEP.test(step)) sessionStorage.setItem(STEP_KEY, step);
  } catch {
    // No storage: a reload starts at the service's start page, which still names a held place.
  }
}
function lastStep() {
  try {
    const step = sessionStorage.getItem(STEP_KEY);
    return step && STEP.test(step) ? step : null;
  } catch {
    return null;
  }
}

window.addEventListener('message', (event) => {
  // Only the framed service, from its own origin.
  if (event.origin !== app.origin || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (!message || typeof message.type !== 'string' || !message.type.startsWith('yeyak:')) return;
  window.portalEvents.push(message);
  const item = document.createElement('li');
  item.textContent = JSON.stringify(message);
  log.append(item);
  switch (message.type) {
    case 'yeyak:resize':
      frame.style.height = `${message.height}px`;
      break;
    case 'yeyak:ready':
      remember(message.step);
      break;
    case 'yeyak:step':
      remember(message.step);
      // A new step starts at the top of the frame: bring it into view if it was scrolled past.
      if (frame.getBoundingClientRect().top < 0) frame.scrollIntoView();
      break;
    default:
      break;
  }
});

for (const button of document.querySelectorAll('button[data-locale]')) {
  button.addEventListener('click', () => {
    const locale = button.dataset.locale;
    for (const other of document.querySelectorAll('button[data-locale]')) {
      other.setAttribute('aria-pressed', String(other === button));
    }
    document.documentElement.lang = locale;
    frame.contentWindow.postMessage({ type: 'yeyak:locale', locale }, app.origin);
  });
}

const step = lastStep();
frame.src = step ? new URL(step, app).href : app.href;
