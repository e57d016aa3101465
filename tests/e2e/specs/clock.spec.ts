// Paths that need time to pass on the server: they move its clock, so they run after every
// other test (see the *-clock projects in playwright.config.ts).
import { test, expect, expectNoAxeViolations, screenshot } from './support';
import { personForToday, walkToReview } from './journey';

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
