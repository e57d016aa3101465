// The strict Content-Security-Policy the server sends is in force, and it is what keeps the
// page safe: injected inline script and style are blocked (and the suite's listener, which
// every other test relies on to find none, does catch them); Trusted Types refuse markup that
// could run script; another site cannot frame it.
import { test, expect } from './support';

test('an injected inline script and style are blocked, and the violation listener sees both', async ({ page, consoleErrors, cspViolations }) => {
  await page.goto('/');
  await expect(page.locator('h1.yy-page__title')).toHaveText('코로나19 백신 사전예약');
  expect(cspViolations).toEqual([]);
  const ran = await page.evaluate(async () => {
    // A script's text is a Trusted Types sink: the page's policy refuses to make one.
    let scriptRefused = false;
    try {
      const script = document.createElement('script');
      script.textContent = 'window.__yyInjected = true';
      document.body.append(script);
    } catch {
      scriptRefused = true;
    }
    const p = document.createElement('p');
    p.setAttribute('style', 'color: rgb(255, 0, 0)');
    p.textContent = 'x';
    document.body.append(p);
    await new Promise((r) => setTimeout(r, 100));
    return {
      scriptRefused,
      script: (window as unknown as { __yyInjected?: boolean }).__yyInjected === true,
      red: getComputedStyle(p).color === 'rgb(255, 0, 0)',
    };
  });
  expect(ran).toEqual({ scriptRefused: true, script: false, red: false });
  await expect.poll(() => cspViolations.length).toBeGreaterThanOrEqual(2);
  expect(cspViolations.some((v) => v.startsWith('require-trusted-types-for blocked'))).toBe(true);
  expect(cspViolations.some((v) => v.startsWith('style-src-attr blocked inline'))).toBe(true);
  expect(consoleErrors.some((e) => e.startsWith('yeyak: Trusted Types refused a script from a string'))).toBe(true);
  // Expected here: the browser reports each refusal on the console too.
  cspViolations.length = 0;
  consoleErrors.length = 0;
});

test('markup with an event handler is refused by the Trusted Types policy, the app markup is not', async ({ page, consoleErrors, cspViolations }) => {
  await page.goto('/');
  await expect(page.locator('h1.yy-page__title')).toHaveText('코로나19 백신 사전예약');
  // The start page rendered through Leptos templates (innerHTML through the default policy).
  expect(cspViolations).toEqual([]);
  const outcome = await page.evaluate(async () => {
    const box = document.createElement('div');
    document.body.append(box);
    let refused = false;
    try {
      box.innerHTML = '<img src=x onerror="window.__yyFired = true">';
    } catch {
      refused = true;
    }
    let linkRefused = false;
    try {
      box.innerHTML = '<a href="javascript:alert(1)">x</a>';
    } catch {
      linkRefused = true;
    }
    box.innerHTML = '<p class="ok">static text</p>';
    await new Promise((r) => setTimeout(r, 200));
    return {
      refused,
      linkRefused,
      fired: (window as unknown as { __yyFired?: boolean }).__yyFired === true,
      images: box.querySelectorAll('img').length,
      plain: box.querySelector('p.ok')?.textContent ?? '',
    };
  });
  expect(outcome).toEqual({ refused: true, linkRefused: true, fired: false, images: 0, plain: 'static text' });
  expect(cspViolations.filter((v) => v.startsWith('require-trusted-types-for'))).toHaveLength(2);
  expect(consoleErrors.filter((e) => e.startsWith('yeyak: Trusted Types refused this markup'))).toHaveLength(2);
  cspViolations.length = 0;
  consoleErrors.length = 0;
});

test('a site that is not a configured portal cannot frame the service', async ({ page, baseURL, consoleErrors }) => {
  // A page on another origin (a made-up host, answered by the test) that frames the service.
  await page.route('http://elsewhere.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>elsewhere</title><iframe src="${baseURL}/" title="framed"></iframe>` }),
  );
  await page.goto('http://elsewhere.test/');
  const framed = page.frameLocator('iframe');
  // The browser refuses to show it: its own error page, not the service.
  await page.waitForTimeout(1_500);
  await expect(framed.locator('h1.yy-page__title')).toHaveCount(0);
  await expect(framed.getByText('코로나19 백신 사전예약')).toHaveCount(0);
  consoleErrors.length = 0;
});
