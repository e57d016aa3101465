// The operator's page (/operator, issue #14): the token kept in the tab, a provider's light
// forced and cleared, the queue paused, its rate changed and resumed, and what a citizen sees
// meanwhile; a wrong token, a server without the operator API and a lost connection, each said.
// Exclusive: it changes the whole server (a light, the queue). Each test puts back what it may
// have changed, through the API, whatever happened (afterEach).
import type { Page } from '@playwright/test';
import { test, expect, appErrors, expectNoAxeViolations, screenshot } from './support';
import { personForToday, setPaused, verifyToQueue } from './journey';
import { koreanOutsideKo, sidewaysOverflow, smallTargets } from './review';

const TOKEN = 'e2e-operator-token';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const PAUSED = '잠시 입장을 멈췄습니다. 순서는 그대로 유지됩니다.';
/** The provider whose light is forced: not Kakao, which every journey helper verifies with. */
const PROVIDER = { id: 'naver', ko: '네이버' };

test.describe.configure({ mode: 'serial' });

/** The admission rate before the test, put back after it. */
let rateBefore: number | undefined;

test.beforeEach(async ({ request }) => {
  const stats = await request.get('/api/v1/admin/stats', { headers: AUTH });
  expect(stats.status()).toBe(200);
  rateBefore = (await stats.json()).progress.admissions_per_minute;
});

test.afterEach(async ({ request }) => {
  const cleared = await request.put(`/api/v1/admin/providers/${PROVIDER.id}`, {
    headers: AUTH,
    data: { status: null, reason: null },
  });
  expect(cleared.status()).toBe(200);
  await setPaused(request, false);
  if (rateBefore !== undefined) {
    const restored = await request.post('/api/v1/admin/queue', {
      headers: AUTH,
      data: { admissions_per_minute: rateBefore },
    });
    expect(restored.status()).toBe(200);
  }
});

/** Opens the operator page and gives it the token; the lights and the queue then show. */
async function signIn(page: Page): Promise<void> {
  await page.goto('/operator');
  await expect(page.getByRole('heading', { level: 1, name: '운영자 화면' })).toBeVisible();
  await page.getByLabel('운영자 토큰', { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: '토큰 확인' }).click();
  await expect(page.getByRole('status').filter({ hasText: '토큰을 확인했습니다.' })).toBeVisible();
  await expect(page.getByRole('table', { name: /시민이 보는 인증 수단별 상태/ })).toBeVisible();
}

/** The value of one line of the queue's numbers. */
function queueFact(page: Page, label: string) {
  return page.locator('.yy-summary__row').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd');
}

test('a light forced on the operator page is what citizens see, with the reason; cleared, it can be chosen again', async ({ page, context }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page);
  const row = page.getByRole('row', { name: new RegExp(PROVIDER.ko) });
  const reason = `시스템 점검 중 ${Date.now() % 10_000}`;
  await page.getByRole('combobox', { name: '인증 수단' }).selectOption(PROVIDER.id);
  await page.getByRole('radio', { name: '선택 불가' }).check();
  await page.getByLabel('사유 (선택)').fill(reason);
  await page.getByRole('button', { name: '이 상태로 지정' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${PROVIDER.ko}: 선택 불가로 지정했습니다.` })).toBeVisible();
  await expect(row).toContainText('선택 불가');
  await expect(row).toContainText(reason);
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'operator-light-forced');

  // A citizen choosing how to verify finds it greyed out, said in words, with the reason.
  const citizen = await context.newPage();
  await citizen.goto('/verify');
  const radio = citizen.locator(`#yy-provider-${PROVIDER.id}`);
  const choice = citizen.locator('.yy-provider').filter({ has: radio });
  await expect(radio).toBeDisabled({ timeout: 30_000 });
  await expect(choice).toContainText('선택 불가');
  await expect(choice).toContainText(reason);

  // Cleared: the light follows the load again, on both pages.
  await page.getByRole('button', { name: '선택한 인증 수단의 지정 해제' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${PROVIDER.ko}: 지정을 해제했습니다.` })).toBeVisible();
  await expect(row).not.toContainText(reason);
  await expect(row).not.toContainText('선택 불가');
  await expect(radio).toBeEnabled({ timeout: 30_000 });
  await expect(choice).not.toContainText(reason);
});

test('pausing on the operator page pauses the waiting room; the rate changes; resuming lets the person in', async ({ page, context, request }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page);
  const pause = page.getByRole('button', { name: '입장 멈추기' });
  await pause.click();
  await expect(page.getByRole('status').filter({ hasText: '입장을 멈췄습니다.' })).toBeVisible();
  // The same button, now the way back; focus stayed on it.
  const resume = page.getByRole('button', { name: '입장 다시 시작' });
  await expect(resume).toBeFocused();
  await expect(queueFact(page, '입장 멈춤')).toHaveText('예');

  // A citizen joining now is told admission is paused.
  const person = await personForToday(request);
  const citizen = await context.newPage();
  await verifyToQueue(citizen, person);
  await expect(citizen.getByText(PAUSED)).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: '새로 고침' }).click();
  await expect(page.getByRole('status').filter({ hasText: '최신 상태를 불러왔습니다.' })).toBeVisible();
  expect(Number((await queueFact(page, '대기 인원').textContent())!.replace(/,/g, ''))).toBeGreaterThanOrEqual(1);
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'operator-queue-paused');

  // The rate: a wrong one is refused at the field; a right one is taken (afterEach restores it).
  const rateField = page.getByLabel('새 입장 속도 (분당 인원)');
  await rateField.fill('lots');
  await page.getByRole('button', { name: '입장 속도 바꾸기' }).click();
  await expect(page.getByText('입장 속도는 0부터 10,000,000까지의 정수로 입력해 주세요')).toBeVisible();
  await expect(rateField).toBeFocused();
  await expect(rateField).toHaveAttribute('aria-invalid', 'true');
  const rate = (rateBefore ?? 600) + 1;
  await rateField.fill(String(rate));
  await page.getByRole('button', { name: '입장 속도 바꾸기' }).click();
  const shown = rate.toLocaleString('en-US');
  await expect(page.getByRole('status').filter({ hasText: `입장 속도를 분당 ${shown}명으로 바꿨습니다.` })).toBeVisible();
  await expect(queueFact(page, '분당 입장 인원')).toHaveText(shown);

  // Resumed: the person's turn comes.
  await resume.click();
  await expect(page.getByRole('status').filter({ hasText: '입장을 다시 시작했습니다.' })).toBeVisible();
  await expect(queueFact(page, '입장 멈춤')).toHaveText('아니요');
  await expect(citizen.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 30_000 });
});

test('the operator page passes the review in Korean and English, keeps the token over a reload, and forgets it', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await signIn(page);
  await expect(page).toHaveTitle('운영자 화면 - 코로나19 백신 사전예약');
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'operator-ko');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Operator console' })).toBeVisible();
  await expect(page).toHaveTitle('Operator console - COVID-19 vaccine pre-booking');
  await expect(page.getByRole('table', { name: /Each provider's light as citizens see it/ })).toBeVisible();
  expect(await koreanOutsideKo(page), 'no untranslated text').toEqual([]);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'High contrast' }).click();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await sidewaysOverflow(page), 'nothing scrolls sideways at 320 px').toBeLessThanOrEqual(0);
  expect(await smallTargets(page)).toEqual([]);
  await screenshot(page, testInfo, 'operator-en-contrast-320');

  // A reload keeps the token (this tab's sessionStorage) and shows the service again at once.
  await page.reload();
  await expect(page.getByRole('table', { name: /Each provider's light as citizens see it/ })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('yy-operator-token'))).toBe(TOKEN);

  // Forgotten: gone from the tab, the service hidden, the field focused for another.
  await page.getByRole('button', { name: 'Forget token' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The operator token is forgotten in this tab.' })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByLabel('Operator token', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Operator token', { exact: true })).toHaveValue('');
  expect(await page.evaluate(() => sessionStorage.getItem('yy-operator-token'))).toBeNull();
});

test('a wrong token is said at the field, which takes focus; a server without the operator API and a lost connection are said too', async ({ page, consoleErrors }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto('/operator');
  await expect(page.getByRole('heading', { level: 1, name: '운영자 화면' })).toBeVisible();
  const field = page.getByLabel('운영자 토큰', { exact: true });
  const submit = page.getByRole('button', { name: '토큰 확인' });

  // Nothing typed.
  await submit.click();
  await expect(page.getByText('운영자 토큰을 입력해 주세요')).toBeVisible();
  await expect(field).toBeFocused();

  // A wrong token (403): said at the field, which is focused and marked; nothing kept.
  await field.fill('not-the-operator-token');
  await submit.click();
  await expect(page.getByRole('alert').filter({ hasText: '운영자 토큰이 맞지 않습니다.' })).toBeVisible();
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveTitle(/^오류: 운영자 화면 - /);
  await expect(page.getByRole('table')).toHaveCount(0);
  expect(await page.evaluate(() => sessionStorage.getItem('yy-operator-token'))).toBeNull();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'operator-wrong-token');

  // A server with no operator token configured answers 404: said so, with nothing to retry.
  const stats = '**/api/v1/admin/stats';
  await page.route(stats, (route) =>
    route.fulfill({
      status: 404,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: 'the operator API is not enabled' }),
    }),
  );
  await field.fill(TOKEN);
  await submit.click();
  await expect(page.getByRole('alert').filter({ hasText: '이 서버에는 운영자 기능이 켜져 있지 않습니다.' })).toBeVisible();
  await expect(page.getByRole('button', { name: '다시 시도' })).toHaveCount(0);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');

  // The connection fails: said so, with a retry that works once it is back.
  await page.unroute(stats);
  await page.route(stats, (route) => route.abort('internetdisconnected'));
  await submit.click();
  await expect(page.getByRole('alert').filter({ hasText: '서버에 연결하지 못했습니다.' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.unroute(stats);
  await page.getByRole('button', { name: '다시 시도' }).click();
  await expect(page.getByRole('status').filter({ hasText: '토큰을 확인했습니다.' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('table', { name: /시민이 보는 인증 수단별 상태/ })).toBeVisible();
  expect(appErrors(consoleErrors), 'only the browser lines for the refused and failed requests').toEqual([]);
});
