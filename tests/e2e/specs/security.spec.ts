// The strict Content-Security-Policy the server sends is in force, and it is what keeps the
// page safe: injected inline script and style are blocked (and the suite's listener, which
// every other test relies on to find none, does catch them); another site cannot frame it.
import { test, expect } from './support';

test('an injected inline script and style are blocked, and the violation listener sees both', async ({ page, consoleErrors, cspViolations }) => {
  await page.goto('/');
  await expect(page.locator('h1.yy-page__title')).toHaveText('코로나19 백신 사전예약');
  expect(cspViolations).toEqual([]);
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__yyInjected = true';
    document.body.append(script);
    const p = document.createElement('p');
    p.setAttribute('style', 'color: rgb(255, 0, 0)');
    p.textContent = 'x';
    document.body.append(p);
    await new Promise((r) => setTimeout(r, 100));
    return {
      script: (window as unknown as { __yyInjected?: boolean }).__yyInjected === true,
      red: getComputedStyle(p).color === 'rgb(255, 0, 0)',
    };
  });
  expect(ran).toEqual({ script: false, red: false });
  await expect.poll(() => cspViolations.length).toBeGreaterThanOrEqual(2);
  expect(cspViolations.some((v) => v.startsWith('script-src-elem blocked inline'))).toBe(true);
  expect(cspViolations.some((v) => v.startsWith('style-src-attr blocked inline'))).toBe(true);
  // Expected here: the browser reports each refusal on the console too.
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
