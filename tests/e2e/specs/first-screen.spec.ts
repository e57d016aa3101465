// The first screen on a slow phone: what arrives on the wire, the shell painted before the app,
// and what the shell says when the app never starts.
import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot } from './support';

const budget = Number(process.env.YEYAK_WIRE_BUDGET ?? '204800');

/** Every byte received for the page's requests (headers and bodies), as Lighthouse counts. */
async function transferred(page: Page, load: () => Promise<void>) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const sizes = new Map<string, number>();
  const urls = new Map<string, string>();
  const encodings = new Map<string, string>();
  cdp.on('Network.responseReceived', (e) => {
    urls.set(e.requestId, e.response.url);
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    encodings.set(e.response.url, headers['content-encoding'] ?? 'identity');
  });
  cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
  await load();
  await page.waitForLoadState('networkidle');
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  return { total, requests: sizes.size, urls: [...urls.values()], encodings };
}

test('the first load stays within the wire budget, every text file compressed', async ({ page, consoleErrors }) => {
  const wire = await transferred(page, async () => {
    await page.goto('/');
    await expect(page.locator('h1.yy-page__title')).toHaveText('코로나19 백신 사전예약');
  });
  console.log(`first load: ${wire.total} bytes in ${wire.requests} requests (budget ${budget})`);
  expect(wire.total).toBeLessThanOrEqual(budget);
  for (const [url, encoding] of wire.encodings) {
    if (/\.(wasm|js|css)$/.test(url) || url.endsWith('/')) {
      expect(encoding, url).toBe('br');
    }
  }
  expect(wire.urls.some((u) => u.endsWith('.wasm'))).toBe(true);
  expect(consoleErrors).toEqual([]);
});

test('the shell shows the service and the helpline before the app, and the app moves nothing', async ({ page, consoleErrors }, testInfo) => {
  // Hold the app's script: what a phone shows while it is still on its way.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  // A module script holds DOMContentLoaded back, so wait only for the page's first bytes.
  await page.goto('/', { waitUntil: 'commit' });
  const shell = page.locator('#yy-boot');
  await expect(shell.getByText('코로나19 백신 사전예약')).toBeVisible();
  await expect(shell.getByRole('status')).toContainText('불러오는 중입니다');
  await expect(shell.getByRole('link', { name: '1339' })).toHaveAttribute('href', 'tel:1339');
  await screenshot(page, testInfo, 'shell');
  const before = await frameBoxes(page);
  release();
  await expect(page.locator('h1.yy-page__title')).toHaveText('코로나19 백신 사전예약');
  await expect(shell).toHaveCount(0);
  await screenshot(page, testInfo, 'shell-mounted');
  const after = await frameBoxes(page);
  expect(after, 'masthead and service name stay where the shell drew them').toEqual(before);
  expect(consoleErrors).toEqual([]);
});

test('an app that never starts leaves a page that says what to do', async ({ page }, testInfo) => {
  await page.route(/\.js$/, (route) => route.abort());
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  const late = page.getByRole('heading', { level: 1 });
  await expect(late).toHaveCount(0);
  await expect(late).toContainText('화면이 열리지 않습니다', { timeout: 20_000 });
  await expect(page.getByRole('link', { name: '새로고침' })).toBeVisible();
  await expect(page.getByRole('link', { name: '1339' })).toHaveAttribute('href', 'tel:1339');
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'shell-stuck');
});

test('data that arrives later does not shift the page (CLS)', async ({ page, consoleErrors }) => {
  await page.addInitScript(() => {
    (window as any).__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) {
        if (!entry.hadRecentInput) (window as any).__cls += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // Slow answers: the page paints its frame first, and the data lands into reserved space.
  await page.route('**/api/v1/**', async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  });
  for (const path of ['/', '/verify', '/accessibility']) {
    await page.goto(path);
    await expect(page.locator('h1.yy-page__title')).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const cls = await page.evaluate(() => (window as any).__cls as number);
    expect(cls, `CLS on ${path}`).toBeLessThanOrEqual(0.02);
  }
  expect(consoleErrors).toEqual([]);
});

/** Where the frame's fixed parts sit on screen. */
async function frameBoxes(page: Page) {
  return page.evaluate(() =>
    ['.yy-masthead', '.yy-header__service', '.yy-header__bar'].map((selector) => {
      const box = document.querySelector(selector)!.getBoundingClientRect();
      return { selector, x: Math.round(box.x), y: Math.round(box.y), height: Math.round(box.height) };
    }),
  );
}

test('a page whose code fails to arrive offers a retry that works, not a crashed app', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // The network drops every chunk request until it "comes back".
  let down = true;
  let dropped = 0;
  await page.route(/\/(split_[a-z]+|chunk_\d+)-[0-9a-f]+\.wasm$/, async (route) => {
    if (down) {
      dropped += 1;
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await page.goto('/verify');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('화면을 불러오지 못했습니다');
  await expect(page.getByRole('alert')).toContainText('대기 순서는 유지됩니다');
  await expect(page.getByRole('contentinfo').getByRole('link', { name: '1339' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'chunk-failed');
  expect(dropped).toBeGreaterThan(0);
  down = false;
  await page.getByRole('button', { name: '다시 시도' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('인증 방법 선택');
  await expect(page.getByRole('radio').first()).toBeVisible();
  expect(errors).toEqual([]);
});
