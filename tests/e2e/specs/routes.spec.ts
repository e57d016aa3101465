// Every route tells the truth: opened straight from a bookmark in a fresh browser, it says where
// the person stands and gives one next step; after a booking, every earlier step shows the
// booking; a booking request that hangs shows progress, then a safe retry.
import { test, expect, expectNoAxeViolations, screenshot } from './support';
import { personForToday, walkToReview } from './journey';

/** Route → what a fresh browser is told there (ko, en) and where the next step leads. */
const FRESH: [string, string, string, RegExp][] = [
  ['/verify/details', '인증 방법을 먼저 골라 주세요', 'Choose how to verify first', /\/verify$/],
  ['/verify/approve', '진행 중인 본인 인증이 없습니다', 'No verification in progress', /\/verify$/],
  ['/locked', '이 기기는 잠겨 있지 않습니다', 'This device is not locked', /\/verify$/],
  ['/queue', '대기 순서가 없습니다', 'You have no place in the queue', /\/verify$/],
  ['/book', '예약은 처음 화면에서 시작합니다', 'Booking starts on the start page', /\/$/],
  ['/review', '예약은 처음 화면에서 시작합니다', 'Booking starts on the start page', /\/$/],
  ['/done', '이 창에는 예약 내역이 없습니다', 'No booking in this window', /\/manage$/],
];

for (const lang of ['ko', 'en'] as const) {
  test(`every route opened straight in a fresh browser says where the person stands (${lang})`, async ({ page, consoleErrors }, testInfo) => {
    test.setTimeout(120_000);
    for (const [route, ko, en, next] of FRESH) {
      await page.goto(route);
      if (lang === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
      }
      const title = lang === 'ko' ? ko : en;
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      // Nothing that would be refused at the end: no booking or verification controls.
      await expect(page.getByRole('button', { name: /예약하기|인증 요청|^Book$|Send request/ })).toHaveCount(0);
      await expect(page.getByRole('radio')).toHaveCount(0);
      await expectNoAxeViolations(page);
      await screenshot(page, testInfo, `route-fresh${route.replaceAll('/', '-')}-${lang}`);
      if (lang === 'en') await page.getByRole('button', { name: '한국어' }).click();
      await page.locator('.yy-blocked__next a').click();
      await expect(page).toHaveURL(next);
    }
    // Routes that need nothing show their own page; the service name leads home.
    await page.goto('/manage');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('예약 조회');
    await page.getByRole('banner').getByRole('link', { name: '코로나19 백신 사전예약' }).click();
    await expect(page).toHaveURL(/\/$/);
    expect(consoleErrors).toEqual([]);
  });
}

test('after a booking, back, forward, reload and every earlier route show the booking, and it is booked once', async ({ page, request, consoleErrors }, testInfo) => {
  test.setTimeout(120_000);
  const person = await personForToday(request);
  await walkToReview(page, person);
  await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
  await page.getByRole('button', { name: '예약하기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
  const number = (await page.locator('.yy-number').textContent())!.trim();

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('이미 예약하셨습니다');
  await expect(page.getByText(`예약 번호: ${number}`)).toBeVisible();
  await expect(page.getByRole('button', { name: '예약하기' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '시간 연장' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'route-booked-back');
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
  await expect(page.locator('.yy-number')).toHaveText(number);
  for (const route of ['/verify', '/verify/details', '/queue', '/book', '/review']) {
    await page.goto(route);
    await expect(page.getByRole('heading', { level: 1 }), route).toHaveText('이미 예약하셨습니다');
    await expect(page.getByRole('link', { name: '예약 조회·취소' })).toBeVisible();
  }
  // The same in English (the choice of language is kept from route to route).
  await page.getByRole('button', { name: 'English' }).click();
  for (const route of ['/verify', '/verify/details', '/queue', '/book', '/review']) {
    await page.goto(route);
    await expect(page.getByRole('heading', { level: 1 }), route).toHaveText('You have already booked');
    await expect(page.getByText(`Booking number: ${number}`)).toBeVisible();
    await expect(page.getByRole('button', { name: /^Book|Extend/ })).toHaveCount(0);
  }
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'route-booked-review-en');
  await page.getByRole('button', { name: '한국어' }).click();
  await page.getByRole('link', { name: '예약 내용 보기' }).click();
  await expect(page.locator('.yy-number')).toHaveText(number);
  // The server holds that one booking; a second one for the same person is refused.
  const found = await request.post('/api/v1/reservations/lookup', {
    data: { name: person.name, birth_date: person.birthIso, number },
  });
  expect(found.status()).toBe(200);
  expect(consoleErrors).toEqual([]);
});

test('a booking request that hangs shows progress, then a safe retry that returns the same booking', async ({ page, request }, testInfo) => {
  test.setTimeout(150_000);
  const person = await personForToday(request);
  await walkToReview(page, person);
  const keys: string[] = [];
  let firstNumber = '';
  let held = false;
  await page.route('**/api/v1/reservations', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    if (!held) {
      held = true;
      // The server books at once, but its answer takes 60 s to come back.
      const response = await route.fetch();
      firstNumber = (await response.json()).number;
      await new Promise((r) => setTimeout(r, 60_000));
      await route.fulfill({ response }).catch(() => {});
      return;
    }
    await route.continue();
  });
  await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
  const clicked = Date.now();
  await page.getByRole('button', { name: '예약하기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '예약하는 중입니다' })).toBeVisible({ timeout: 1_000 });
  await expect(page.getByRole('button', { name: '예약하기' })).toBeDisabled();
  await screenshot(page, testInfo, 'review-booking-in-progress');
  await expect(page.getByText('예약이 이미 처리되었을 수 있습니다')).toBeVisible({ timeout: 40_000 });
  const waited = Date.now() - clicked;
  expect(waited).toBeGreaterThanOrEqual(29_000);
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'review-booking-timeout');
  await page.getByRole('button', { name: '다시 시도' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
  await expect(page.locator('.yy-number')).toHaveText(firstNumber);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toBe(keys[1]);
});
