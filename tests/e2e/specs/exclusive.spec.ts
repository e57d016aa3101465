// Tests that change the whole server (its clock, a paused queue). They run alone, after every
// other test (the *-exclusive projects in playwright.config.ts), one at a time.
import { test, expect, expectNoAxeViolations, screenshot } from './support';
import { personForToday, setPaused, verifyToQueue, walkToReview } from './journey';

test.describe.configure({ mode: 'serial' });

test.afterEach(async ({ request }) => {
  await setPaused(request, false);
});

test('a reload in the queue keeps the same ticket and joins nothing again', async ({ page, request }, testInfo) => {
  test.setTimeout(60_000);
  const person = await personForToday(request);
  await setPaused(request, true);
  const joins: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/queue/tickets')) joins.push(r.url());
  });
  await verifyToQueue(page, person);
  await expect(page.getByText('잠시 입장을 멈췄습니다. 순서는 그대로 유지됩니다.')).toBeVisible({ timeout: 10_000 });
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'queue-paused');
  const before = await page.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).ticket);
  expect(joins).toHaveLength(1);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '접속 대기 중입니다' })).toBeVisible();
  await expect(page.getByText('잠시 입장을 멈췄습니다. 순서는 그대로 유지됩니다.')).toBeVisible({ timeout: 10_000 });
  const after = await page.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).ticket);
  expect(after).toBe(before);
  expect(joins, 'no new join request after the reload').toHaveLength(1);

  // Admission resumes: the same ticket is served.
  await setPaused(request, false);
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 20_000 });
});

test('a 503 with Retry-After: 30 means no request for 30 seconds', async ({ page, request }) => {
  test.setTimeout(90_000);
  const person = await personForToday(request);
  await setPaused(request, true);
  const seen: number[] = [];
  await page.route('**/api/v1/queue/progress', async (route) => {
    seen.push(Date.now());
    if (seen.length === 1) {
      await route.fulfill({
        status: 503,
        headers: { 'Retry-After': '30', 'Content-Type': 'application/problem+json' },
        body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'unavailable' }),
      });
    } else {
      await route.continue();
    }
  });
  await verifyToQueue(page, person);
  await expect(page.getByText('연결을 다시 시도하는 중입니다. 순서는 유지됩니다.')).toBeVisible();
  await expect.poll(() => seen.length, { timeout: 45_000, intervals: [1_000] }).toBeGreaterThanOrEqual(2);
  expect(seen[1] - seen[0], 'the client waited as told').toBeGreaterThanOrEqual(29_900);
});

test('a booking window that ran out says so and offers the queue again', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const person = await personForToday(request);
  await walkToReview(page, person, undefined, '성동구');
  // Eleven minutes pass on the server: the ten-minute booking window closes.
  const moved = await request.post('/api/v1/test/clock', { data: { seconds: 660 } });
  expect(moved.status()).toBe(204);
  await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
  await page.getByRole('button', { name: '예약하기' }).click();
  await expect(page.getByText('예약 가능 시간이 지났습니다. 대기열에 다시 들어가 주세요.')).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'review-admission-expired');
  // The way forward: the queue again, then booking, with the choices kept.
  await page.getByRole('button', { name: '대기열에 다시 들어가기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(1);
});
