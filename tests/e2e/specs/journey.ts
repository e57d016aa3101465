// Helpers for the journey: a person who may book today, and the API for arranging cases.
import { expect, type APIRequestContext, type FrameLocator, type Locator, type Page } from '@playwright/test';

/** A person unique to this test run, born on a day that books today. */
export async function personForToday(request: APIRequestContext): Promise<Person> {
  const campaign = await (await request.get('/api/v1/campaign')).json();
  const digit: number = campaign.today_digit ?? 1;
  const unique = Math.floor(Math.random() * 9000) + 1000;
  const family = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
  const given = ['민', '서', '지', '현', '준', '우', '예', '도', '하', '윤'];
  const name = family[unique % 10] + given[Math.floor(unique / 10) % 10] + given[Math.floor(unique / 100) % 10];
  return {
    name,
    birth: `1970031${digit}`,
    birthIso: `1970-03-1${digit}`,
    phone: `010-${unique}-${String(Math.floor(Math.random() * 9000) + 1000)}`,
  };
}

export type Person = { name: string; birth: string; birthIso: string; phone: string };

/** Verifies, queues and admits a person through the API; returns the admission token. */
export async function admitThroughApi(request: APIRequestContext, person: Person, device: string): Promise<string> {
  const started = await request.post('/api/v1/auth/sessions', {
    data: { provider: 'kakao', name: person.name, birth_date: person.birthIso, phone: person.phone, device_id: device },
  });
  expect(started.status(), await started.text()).toBe(201);
  let session = await started.json();
  while (!session.token) {
    await new Promise((r) => setTimeout(r, 200));
    session = await (await request.get(`/api/v1/auth/sessions/${session.session_id}`)).json();
  }
  const ticket = await (await request.post('/api/v1/queue/tickets', { headers: { Authorization: `Bearer ${session.token}` } })).json();
  for (;;) {
    const admitted = await request.post(`/api/v1/queue/tickets/${ticket.ticket}/admission`);
    if (admitted.ok()) return (await admitted.json()).admission_token;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Holds the first approval poll for 2.5 s, so the approve page stays long enough to check. */
export async function holdFirstApproval(page: Page): Promise<void> {
  let held = false;
  await page.route('**/api/v1/auth/sessions/*', async (route) => {
    if (!held) {
      held = true;
      await new Promise((r) => setTimeout(r, 2_500));
    }
    await route.continue();
  });
}

/** From the start page to the review page, choosing the first open option at each step. */
export async function walkToReview(
  page: Page,
  person: Person,
  snap?: (name: string) => Promise<void>,
  district = '종로구',
  choice: SlotChoice = 'spread',
): Promise<void> {
  await page.goto('/');
  await page.getByLabel('생년월일 8자리').fill(person.birth);
  await page.getByRole('button', { name: '예약일 확인' }).click();
  await expect(page.getByRole('heading', { name: '오늘 예약하실 수 있습니다' })).toBeVisible();
  await snap?.('start-today');
  await page.getByRole('link', { name: '본인 인증하고 예약 시작' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '인증 방법 선택' })).toBeVisible();
  await expect(page.getByRole('radio').first()).toBeVisible();
  await snap?.('provider');
  await page.getByRole('radio', { name: /카카오/ }).check();
  await page.getByRole('button', { name: '다음' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '본인 인증' })).toBeVisible();
  await snap?.('verify');
  if (snap) await holdFirstApproval(page);
  await page.getByLabel('이름').fill(person.name);
  await page.locator('#yy-birth').fill(person.birth);
  await page.getByLabel('휴대폰 번호').fill(person.phone);
  await page.getByRole('button', { name: '인증 요청' }).click();
  if (snap) {
    await expect(page.getByRole('heading', { level: 1, name: '인증 앱에서 승인해 주세요' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('승인을 기다리는 중입니다');
    await snap('approve');
  }

  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 20_000 });
  await pickSlot(page, district, choice, snap);
  await expect(page.getByRole('heading', { level: 1, name: '예약 내용 확인' })).toBeVisible();
}

/**
 * Which slot a test books: the `date`-th open date and the `time`-th open time, or `'spread'`,
 * an open date after the first and an open time, each at random. The suites run two at a time
 * on one server; if each booked the first open time, that slot would fill while another test
 * was on its way to book its last place, and that test would (rightly) be offered alternatives
 * instead of its booking page. Spread over 13 dates and 18 times, the walks that do not care
 * which slot they get never fill one; the first date is left to the tests that name a time.
 */
export type SlotChoice = { date: number; time: number } | 'spread';

/** On the date or the time step of the booking page: the open option a [`SlotChoice`] names. */
export async function openOption(page: Page | FrameLocator, step: 'date' | 'time', choice: SlotChoice): Promise<Locator> {
  const open = page.locator('input[type=radio]:not([disabled])');
  await expect(open.first()).toBeVisible();
  if (choice !== 'spread') return open.nth(choice[step]);
  const count = await open.count();
  const from = step === 'date' && count > 1 ? 1 : 0;
  return open.nth(from + Math.floor(Math.random() * (count - from)));
}

/** On the booking page (in a tab or a portal's frame): Seoul, `district`, its first centre, then the date and time `choice` names. */
export async function pickSlot(
  page: Page | FrameLocator,
  district: string,
  choice: SlotChoice,
  snap?: (name: string) => Promise<void>,
): Promise<void> {
  for (const [step, name] of [['region', '서울특별시'], ['district', district]]) {
    await expect(page.getByRole('radio', { name, exact: true })).toBeVisible();
    await snap?.(`book-${step}`);
    await page.getByRole('radio', { name, exact: true }).check();
    await page.getByRole('button', { name: '다음' }).click();
  }
  await expect(page.locator('input[type=radio]').first()).toBeVisible();
  await page.locator('input[type=radio]:not([disabled])').first().check();
  await snap?.('book-center');
  await page.getByRole('button', { name: '다음' }).click();
  for (const step of ['date', 'time'] as const) {
    await (await openOption(page, step, choice)).check();
    await snap?.(`book-${step}`);
    await page.getByRole('button', { name: '다음' }).click();
  }
  await expect(page.getByRole('heading', { level: 1, name: '예약 내용 확인' })).toBeVisible();
}

/** Opens the provider page, chooses Kakao and fills the verification form (not yet sent). */
export async function fillVerification(page: Page, person: Person): Promise<void> {
  await page.goto('/verify');
  await page.getByRole('radio', { name: /카카오/ }).check();
  await page.getByRole('button', { name: '다음' }).click();
  await page.getByLabel('이름').fill(person.name);
  await page.locator('#yy-birth').fill(person.birth);
  await page.getByLabel('휴대폰 번호').fill(person.phone);
}

/** From the provider page to the waiting room, for a person who may book today. */
export async function verifyToQueue(page: Page, person: Person): Promise<void> {
  await fillVerification(page, person);
  await page.getByRole('button', { name: '인증 요청' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '접속 대기 중입니다' })).toBeVisible({ timeout: 20_000 });
}

/** Pauses or resumes admission through the operator API. */
export async function setPaused(request: APIRequestContext, paused: boolean): Promise<void> {
  const response = await request.post('/api/v1/admin/queue', {
    headers: { Authorization: 'Bearer e2e-operator-token' },
    data: { paused },
  });
  expect(response.status()).toBe(200);
}
