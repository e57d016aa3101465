// The foundation: the page renders accessibly, and every way the client can fail still ends on a
// page that says what to do.
import {
  test,
  expect,
  expectNoAxeViolations,
  screenshot,
  overrideConfig,
  enableTestHooks,
} from './support';

test('start page renders in Korean with no axe violations', async ({ page, consoleErrors }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('코로나19 백신 사전예약');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page).toHaveTitle('사전예약 안내 - 코로나19 백신 사전예약');
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('contentinfo').getByRole('link', { name: '1339' })).toHaveAttribute(
    'href',
    'tel:1339',
  );
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'start');
  expect(consoleErrors).toEqual([]);
});

test('language switch turns the page into English and back', async ({ page, consoleErrors }, testInfo) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('COVID-19 vaccine pre-booking');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Pre-booking - COVID-19 vaccine pre-booking');
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'start-en');
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  expect(consoleErrors).toEqual([]);
});

test('skip link is the first stop and moves focus to the main content', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '본문 바로가기' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#yy-main')).toBeFocused();
  expect(consoleErrors).toEqual([]);
});

test('an unknown address shows a not-found page with a way back', async ({ page, consoleErrors }, testInfo) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('페이지를 찾을 수 없습니다');
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'not-found');
  await page.getByRole('link', { name: '처음 화면으로' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('코로나19 백신 사전예약');
  expect(consoleErrors).toEqual([]);
});

test('a panic replaces the app with a readable page that reloads', async ({ page, consoleErrors }, testInfo) => {
  await enableTestHooks(page);
  await page.goto('/__panic');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('일시적인 오류가 발생했습니다');
  await expect(heading).toBeFocused();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Something went wrong');
  await expect(page.getByRole('link', { name: '1339' }).first()).toHaveAttribute('href', 'tel:1339');
  await expect(page).toHaveTitle(/^오류: /);
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'panic');
  // The panic was logged for developers; that is expected here.
  expect(consoleErrors.some((e) => e.includes('forced panic'))).toBe(true);
  consoleErrors.length = 0;

  // The way forward works: reload, without the test hook, lands on a working page.
  await page.unroute('**/config.json');
  await page.getByRole('button', { name: /다시 불러오기/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('페이지를 찾을 수 없습니다');
});

test('a missing config.json shows the settings error page', async ({ page, consoleErrors }, testInfo) => {
  await overrideConfig(page, 404, 'not found');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('서비스 설정을 불러오지 못했습니다');
  await expect(page.getByRole('button', { name: /다시 불러오기/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'config-missing');
  expect(consoleErrors.join('\n')).toContain('config.json');
  consoleErrors.length = 0;
});

test('a malformed config.json shows the settings error page', async ({ page, consoleErrors }) => {
  await overrideConfig(page, 200, '{"api_base_url": ');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('서비스 설정을 불러오지 못했습니다');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('The service settings could not be loaded');
  expect(consoleErrors.join('\n')).toContain('malformed');
  consoleErrors.length = 0;
});
