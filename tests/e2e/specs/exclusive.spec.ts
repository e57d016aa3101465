// Tests that change the whole server (its clock, a paused queue). They run alone, after every
// other test (the *-exclusive projects in playwright.config.ts), one at a time.
import { test, expect, expectNoAxeViolations, screenshot } from './support';
import { personForToday, setPaused, verifyToQueue, walkToReview } from './journey';
import { auditInEveryMode, koreanOutsideKo, sidewaysOverflow, smallTargets } from './review';

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
  // A later day, so the kept choice stays bookable if the moved clock passes midnight.
  await walkToReview(page, person, undefined, '성동구', { date: 2, time: 0 });
  // Eleven minutes pass on the server: the ten-minute booking window closes.
  const moved = await request.post('/api/v1/test/clock', { data: { seconds: 660 } });
  expect(moved.status()).toBe(204);
  await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
  await page.getByRole('button', { name: '예약하기' }).click();
  await expect(page.getByText('예약 가능 시간이 지났습니다. 대기열에 다시 들어가 주세요.')).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'review-admission-expired');
  await auditInEveryMode(page);
  // The way forward: the queue again, then booking, with the choices kept.
  await page.getByRole('button', { name: '대기열에 다시 들어가기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(1);
});

test('a second tab takes the same place: no second ticket, only one tab polls, another takes over when it closes', async ({ page, context, request }) => {
  test.setTimeout(90_000);
  const person = await personForToday(request);
  await setPaused(request, true);
  const joins: string[] = [];
  const polls = new Map<string, number>();
  const count = (label: string) => (r: import('@playwright/test').Request) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/queue/tickets')) joins.push(label);
    if (r.url().endsWith('/api/v1/queue/progress')) polls.set(label, (polls.get(label) ?? 0) + 1);
  };
  page.on('request', count('first'));
  await verifyToQueue(page, person);
  await expect(page.getByText('잠시 입장을 멈췄습니다. 순서는 그대로 유지됩니다.')).toBeVisible({ timeout: 10_000 });
  const ahead = await page.locator('.yy-queue__ahead').textContent();

  // The person opens the service again in a new tab: it finds the place instead of starting over.
  const second = await context.newPage();
  second.on('request', count('second'));
  await second.goto('/');
  await expect(second.getByRole('heading', { level: 1, name: '접속 대기 중입니다' })).toBeVisible({ timeout: 10_000 });
  await expect(second.getByText('다른 탭에서 이 대기 순서를 확인하고 있습니다.', { exact: false })).toBeVisible();
  await expect(second.locator('.yy-queue__ahead')).toHaveText(ahead!);
  await expectNoAxeViolations(second);

  // Over the next 12 seconds only the first tab asks the server.
  const firstBefore = polls.get('first') ?? 0;
  await second.waitForTimeout(12_000);
  expect(polls.get('second') ?? 0, 'the mirroring tab never polls').toBe(0);
  expect((polls.get('first') ?? 0) - firstBefore, 'the first tab keeps polling').toBeGreaterThanOrEqual(1);
  expect(joins, 'one join in all').toEqual(['first']);

  // The polling tab is closed: a mirroring tab takes over within seconds, and a third tab now
  // mirrors the second.
  await page.close();
  await expect.poll(() => polls.get('second') ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  const third = await context.newPage();
  third.on('request', count('third'));
  await third.goto('/');
  await expect(third.getByRole('heading', { level: 1, name: '접속 대기 중입니다' })).toBeVisible({ timeout: 10_000 });
  await expect(third.locator('.yy-queue__ahead')).toHaveText(ahead!);

  // When the number comes up, both open tabs move on to booking with the one admission.
  await setPaused(request, false);
  await expect(second.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 20_000 });
  await expect(third.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 10_000 });
  await expect(second).toHaveTitle(/^차례가 되었습니다 - /);
  await expect(second.locator('#yy-admitted')).toBeFocused();
  expect(polls.get('third') ?? 0, 'the third tab only mirrored').toBe(0);
  expect(joins).toEqual(['first']);
});

test('thirty seconds offline keeps the place and the page carries on by itself', async ({ page, context, request }, testInfo) => {
  test.setTimeout(120_000);
  const person = await personForToday(request);
  await setPaused(request, true);
  const joins: number[] = [];
  const polls: number[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/queue/tickets')) joins.push(Date.now());
    if (r.url().endsWith('/api/v1/queue/progress')) polls.push(Date.now());
  });
  await verifyToQueue(page, person);
  await expect(page.getByText('잠시 입장을 멈췄습니다. 순서는 그대로 유지됩니다.')).toBeVisible({ timeout: 10_000 });
  const ticket = await page.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).ticket);

  await context.setOffline(true);
  const offlineAt = Date.now();
  const connection = page.locator('.yy-queue__connection');
  await expect(connection).toHaveText('인터넷 연결이 끊겼습니다. 연결되면 이 화면이 알아서 이어 갑니다.');
  // Said once, politely.
  await expect(page.getByRole('status')).toHaveText('인터넷 연결이 끊겼습니다. 연결되면 이 화면이 알아서 이어 갑니다.');
  await expect(page.getByText(/적어도 \d\d:\d\d까지는 괜찮습니다/)).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'queue-offline');
  await auditInEveryMode(page);
  await page.waitForTimeout(30_000);
  await expect(page.getByText(/마지막 연결: (\d+초|\d+분) 전/)).toBeVisible();
  expect(polls.filter((t) => t > offlineAt + 500), 'no requests while offline').toHaveLength(0);

  const onlineAt = Date.now();
  await context.setOffline(false);
  await expect(connection).toBeHidden({ timeout: 5_000 });
  await expect(page.getByRole('status')).toHaveText('다시 연결되었습니다. 순서는 그대로입니다.');
  await expect.poll(() => polls.filter((t) => t > onlineAt).length, { timeout: 8_000 }).toBeGreaterThanOrEqual(1);
  expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).ticket)).toBe(ticket);
  expect(joins, 'the place was kept, not joined again').toHaveLength(1);

  await setPaused(request, false);
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 20_000 });
});

test('the booking-time dialog extends with the keyboard and with Esc, and gives focus back', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const person = await personForToday(request);
  await verifyToQueue(page, person);
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 20_000 });
  const dialog = page.getByRole('dialog', { name: '예약 시간이 곧 끝납니다' });
  const countdown = page.locator('.yy-timer .yy-countdown__value');
  await expect(countdown).toHaveText(/^(10:00|9:[0-5]\d)$/);

  // 8 min 20 s pass on the server; the next answer tells the page its clock.
  expect((await request.post('/api/v1/test/clock', { data: { seconds: 500 } })).status()).toBe(204);
  await page.getByRole('radio', { name: '서울특별시', exact: true }).check();
  await page.getByRole('button', { name: '다음' }).click();
  await page.getByRole('radio', { name: '종로구', exact: true }).check();
  const next = page.getByRole('button', { name: '다음' });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible({ timeout: 10_000 });
  await expect(dialog).toContainText(/1:[0-4]\d 뒤에 예약 시간이 끝납니다/);
  await expect(dialog.getByRole('button', { name: '10분 더 쓰기' })).toBeFocused();
  await expect(dialog).toContainText('남은 연장 횟수: 3번');
  // Focus stays in the dialog: the page behind it is inert.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null || document.activeElement === document.body)).toBe(true);
  }
  await dialog.getByRole('button', { name: '10분 더 쓰기' }).focus();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'timeout-dialog');

  // One action with the keyboard.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(countdown).toHaveText(/^(10:00|9:[0-5]\d)$/);
  await expect(page.getByRole('status').filter({ hasText: '예약 시간을 10분 연장했습니다.' })).toBeAttached();
  const refocused = await page.evaluate(() => document.activeElement?.tagName ?? '');
  expect(refocused, 'focus goes back to the page, not lost').not.toBe('BODY');

  // Again, in English with forced colours, and this time Esc extends.
  await page.getByRole('button', { name: 'English' }).click();
  await page.emulateMedia({ forcedColors: 'active' });
  expect((await request.post('/api/v1/test/clock', { data: { seconds: 500 } })).status()).toBe(204);
  await page.locator('input[type=radio]:not([disabled])').first().check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const englishDialog = page.getByRole('dialog', { name: 'Your booking time is nearly up' });
  await expect(englishDialog).toBeVisible({ timeout: 10_000 });
  await expect(englishDialog).toContainText('Extensions left: 2');
  expect(await koreanOutsideKo(page)).toEqual([]);
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(englishDialog).toBeHidden();
  await expect(countdown).toHaveText(/^(10:00|9:[0-5]\d)$/);
});

test('the waiting room passes the review in English, high contrast and forced colours, at 320 px', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const person = await personForToday(request);
  await setPaused(request, true);
  await verifyToQueue(page, person);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You are in the queue' })).toBeVisible();
  await expect(page.getByText('Admission is paused for a moment. Your place is kept.')).toBeVisible({ timeout: 10_000 });
  await expect(page).toHaveTitle('You are in the queue - COVID-19 vaccine pre-booking');
  expect(await koreanOutsideKo(page)).toEqual([]);
  await expectNoAxeViolations(page);
  // The pause control: a pressed toggle; the place and the polling go on.
  const pause = page.getByRole('button', { name: 'Pause automatic updates' });
  await pause.click();
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Updates are paused.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'High contrast' }).click();
  await expectNoAxeViolations(page);
  await page.emulateMedia({ forcedColors: 'active' });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  expect(await smallTargets(page)).toEqual([]);
  await screenshot(page, testInfo, 'queue-en-contrast-320');
});

test('leaving the queue asks first, then says the place is gone and where to start again', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const person = await personForToday(request);
  await setPaused(request, true);
  await verifyToQueue(page, person);
  const ticket = await page.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).ticket);
  await page.getByRole('button', { name: '대기 취소' }).click();
  // Asked first; keeping the place is one press away.
  await expect(page.getByRole('group', { name: '대기를 취소하면 순서가 사라집니다. 취소하시겠습니까?' })).toBeVisible();
  await page.getByRole('button', { name: '계속 기다리기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '접속 대기 중입니다' })).toBeVisible();
  await page.getByRole('button', { name: '대기 취소' }).click();
  const left = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/api/v1/queue/tickets/'));
  await page.getByRole('button', { name: '네, 대기 취소' }).click();
  expect((await left).status()).toBe(204);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('대기를 취소했습니다');
  await expect(page.getByText('이 순서는 더 이상 유지되지 않습니다.', { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'queue-left');
  // The server let the place go: the ticket no longer admits anyone.
  await setPaused(request, false);
  const redeem = await request.post(`/api/v1/queue/tickets/${ticket}/admission`);
  expect(redeem.status(), await redeem.text()).toBeGreaterThanOrEqual(400);
  await page.getByRole('link', { name: '처음 화면으로' }).click();
  await expect(page).toHaveURL(/\/$/);
});
