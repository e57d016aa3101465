// Known again on return: a tab (or a portal's frame) that holds a place in line, a turn to book
// or a booking says so first when it comes back to the start page, with the way straight back;
// a reload of the whole example portal reopens the frame at the citizen's place. Exclusive: the
// queue is paused so the place stays a place.
import { type APIRequestContext, type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot } from './support';
import { personForToday, pickSlot, setPaused, verifyToQueue } from './journey';
import { auditInEveryMode } from './review';

const PORTAL = process.env.YEYAK_PORTAL_URL ?? '';
const PAUSED = '잠시 입장을 멈췄습니다. 순서는 그대로 유지됩니다.';

test.describe.configure({ mode: 'serial' });

/** Pauses or resumes admission on the server at `origin` (the portal's framed service has its own). */
async function pauseAt(request: APIRequestContext, origin: string, paused: boolean): Promise<void> {
  const response = await request.post(`${origin}/api/v1/admin/queue`, {
    headers: { Authorization: 'Bearer e2e-operator-token' },
    data: { paused },
  });
  expect(response.status()).toBe(200);
}

/** Every join and verification request the page (and its frames) sends, as `METHOD path`. */
function journeyRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.method() === 'POST' && /\/api\/v1\/(queue\/tickets|auth\/sessions)$/.test(path)) seen.push(`POST ${path}`);
  });
  return seen;
}

/** The start page's first words after its heading: the notice of what the tab holds. */
async function expectHeldFirst(page: Page, title: string, link: string): Promise<void> {
  const notice = page.locator('.yy-start > .yy-notice').first();
  await expect(notice.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(notice.getByRole('link', { name: link })).toBeVisible();
  // Before anything that starts a new journey: the lead, the facts, the birth-date check.
  const order = await page.evaluate(() => {
    const held = document.querySelector('.yy-start > .yy-notice')!;
    const check = document.querySelector('#yy-check-title')!;
    return Boolean(held.compareDocumentPosition(check) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(order, 'the held notice comes before the birth-date check').toBe(true);
}

test.afterEach(async ({ request }) => {
  await setPaused(request, false);
  if (PORTAL) await pauseAt(request, new URL(new URL(PORTAL).searchParams.get('app')!).origin, false);
});

test('back on the start page, the tab names its place, its turn, then its booking, each with the way back', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const person = await personForToday(request);
  const sent = journeyRequests(page);
  await setPaused(request, true);
  await verifyToQueue(page, person);
  await expect(page.getByText(PAUSED)).toBeVisible({ timeout: 15_000 });
  const ahead = await page.locator('.yy-queue__ahead').textContent();
  const ticket = await page.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).ticket);

  // In line: the start page says so first, and its link returns to the same place.
  await page.goto('/');
  await expectHeldFirst(page, '대기 중인 순서가 있습니다', '대기 순서로 돌아가기');
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'start-held-place');
  await auditInEveryMode(page);
  await page.getByRole('link', { name: '대기 순서로 돌아가기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '접속 대기 중입니다' })).toBeVisible();
  await expect(page.locator('.yy-queue__ahead')).toHaveText(ahead!);
  expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).ticket)).toBe(ticket);

  // The turn comes: the start page now leads back to booking.
  await setPaused(request, false);
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 30_000 });
  await page.goto('/');
  await expectHeldFirst(page, '예약할 차례가 되었습니다', '예약으로 돌아가기');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: '예약으로 돌아가기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible();

  // Booked: the start page shows the booking first.
  await pickSlot(page, '광진구', { date: 0, time: 0 });
  await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
  await page.getByRole('button', { name: '예약하기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
  const number = (await page.locator('.yy-number').textContent())!.trim();
  await page.goto('/');
  await expectHeldFirst(page, '예약을 마쳤습니다', '예약 내용 보기');
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'start-held-booking');
  await page.getByRole('link', { name: '예약 내용 보기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
  await expect(page.locator('.yy-number')).toHaveText(number);
  expect(sent, 'one verification and one join in all').toEqual(['POST /api/v1/auth/sessions', 'POST /api/v1/queue/tickets']);
});

test('a reload of the whole portal page returns the frame to the place in line, without verifying again', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  expect(PORTAL, 'YEYAK_PORTAL_URL names the example portal framing the service').toContain('?app=');
  const appOrigin = new URL(new URL(PORTAL).searchParams.get('app')!).origin;
  // The framed service is its own server: the person is one of its days, its queue is paused.
  const person = await personForToday(request);
  await pauseAt(request, appOrigin, true);
  const sent = journeyRequests(page);
  await page.goto(PORTAL);
  const app = page.frameLocator('#yeyak');
  await app.getByLabel('생년월일 8자리').fill(person.birth);
  await app.getByRole('button', { name: '예약일 확인' }).click();
  await app.getByRole('link', { name: '본인 인증하고 예약 시작' }).click();
  await app.getByRole('radio', { name: /카카오/ }).check();
  await app.getByRole('button', { name: '다음' }).click();
  await app.getByLabel('이름').fill(person.name);
  await app.locator('#yy-birth').fill(person.birth);
  await app.getByLabel('휴대폰 번호').fill(person.phone);
  await app.getByRole('button', { name: '인증 요청' }).click();
  await expect(app.getByRole('heading', { level: 1, name: '접속 대기 중입니다' })).toBeVisible({ timeout: 30_000 });
  await expect(app.getByText(PAUSED)).toBeVisible({ timeout: 15_000 });
  const ahead = await app.locator('.yy-queue__ahead').textContent();

  await page.reload();
  await expect(app.getByRole('heading', { level: 1, name: '접속 대기 중입니다' })).toBeVisible({ timeout: 20_000 });
  await expect(app.locator('.yy-queue__ahead')).toHaveText(ahead!);
  await expect(app.getByText(PAUSED)).toBeVisible({ timeout: 15_000 });
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'portal-reloaded-queue');
  expect(sent, 'no second verification, no second ticket').toEqual(['POST /api/v1/auth/sessions', 'POST /api/v1/queue/tickets']);
});
