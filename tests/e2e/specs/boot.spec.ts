// A start that recovers (web/boot.js): a dropped request or a file that fails its integrity
// check is tried once more past every cache; if that fails too, the shell says so with the
// helpline and a reload button. Never a blank page, never "Loading…" forever.
import { test, expect, expectNoAxeViolations, screenshot } from './support';

const MAIN_WASM = /\/yeyak-[0-9a-f]{16}_bg\.wasm$/;
const GLUE = /\/yeyak-[0-9a-f]{16}\.js$/;

test('a corrupted wasm and a dropped module: one retry, then the shell says what to do', async ({ page, consoleErrors }, testInfo) => {
  let glueRequests = 0;
  let wasmRequests = 0;
  await page.route(GLUE, async (route) => {
    glueRequests += 1;
    if (glueRequests === 1) return route.abort('connectionreset');
    return route.continue();
  });
  await page.route(MAIN_WASM, async (route) => {
    wasmRequests += 1;
    const original = await route.fetch();
    const bytes = Buffer.from(await original.body());
    bytes[bytes.length - 1] ^= 0xff;
    await route.fulfill({ response: original, body: bytes });
  });
  await page.goto('/queue');
  const shell = page.locator('#yy-boot.yy-boot--failed');
  await expect(shell).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1, name: /화면이 열리지 않습니다/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.locator('.yy-boot__loading')).toBeHidden();
  await expect(page.locator('a[href="tel:1339"]')).toBeVisible();
  const reload = page.getByRole('link', { name: /새로고침/ });
  await expect(reload).toBeVisible();
  expect(await reload.getAttribute('href')).toMatch(/\/queue$/);
  expect(glueRequests, 'the module was asked again').toBeGreaterThanOrEqual(2);
  expect(wasmRequests, 'the wasm was asked again').toBeGreaterThanOrEqual(2);
  expect(consoleErrors.filter((e) => e.startsWith('yeyak: the app did not load'))).toHaveLength(2);
  expect(await page.evaluate(() => sessionStorage.getItem('yy-boot-retry'))).toBeNull();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'boot-failed');
  consoleErrors.length = 0;

  // The way forward works: with the files intact again, the reload button starts the app.
  await page.unrouteAll({ behavior: 'wait' });
  await reload.click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/화면이 열리지 않습니다/, { timeout: 20_000 });
  await expect(page.locator('#yy-boot')).toHaveCount(0);
});

test('a single dropped request is recovered by the retry alone', async ({ page, consoleErrors }) => {
  let wasmRequests = 0;
  await page.route(MAIN_WASM, async (route) => {
    wasmRequests += 1;
    if (wasmRequests === 1) return route.abort('connectionreset');
    return route.continue();
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '코로나19 백신 사전예약' })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('#yy-boot')).toHaveCount(0);
  expect(wasmRequests).toBeGreaterThanOrEqual(2);
  expect(consoleErrors.filter((e) => e.startsWith('yeyak: the app did not load'))).toHaveLength(1);
  expect(await page.evaluate(() => sessionStorage.getItem('yy-boot-retry'))).toBeNull();
  consoleErrors.length = 0;
});
