// A phone whose clock is hours off (set by hand, a trip abroad, a flat battery) still sees the
// service's times: the lock's countdown and its retry, the waiting room's "held until", the
// booking countdown. The page's wall clock (`Date`) is shifted as such a phone's is; its
// monotonic clock and timers run true, as they do on the phone; the server's clock is right.
// The journey books. Exclusive: it moves the server's clock past the ten-minute lock.
import { test, expect, appErrors, expectNoAxeViolations, screenshot } from './support';
import { fillVerification, personForToday, pickSlot, setPaused, type Person } from './journey';

test.describe.configure({ mode: 'serial' });

test.afterEach(async ({ request }) => {
  await setPaused(request, false);
});

/** Shifts the wall clock of every page in the context by `shift` ms (`Date.now`, `new Date()`). */
async function shiftDeviceClock(page: import('@playwright/test').Page, shift: number): Promise<void> {
  await page.addInitScript((by: number) => {
    const Real = Date;
    const now = () => Real.now() + by;
    class Shifted extends Real {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(now());
        else super(...(args as [number]));
      }
      static now(): number {
        return now();
      }
    }
    globalThis.Date = Shifted as DateConstructor;
  }, shift);
}

/** The server's time now (its `Date` header), in ms. */
async function serverNow(request: import('@playwright/test').APIRequestContext): Promise<number> {
  const response = await request.get('/api/v1/health');
  return Date.parse(response.headers()['date']);
}

/** `HH:MM` of an instant in Korea time. */
function koreaHourMinute(ms: number): string {
  const t = new Date(ms + 9 * 3_600_000);
  return `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
}

/** The minutes between two `HH:MM` (across midnight too). */
function minutesApart(a: string, b: string): number {
  const minutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
  const d = Math.abs(minutes(a) - minutes(b));
  return Math.min(d, 1440 - d);
}

/** The seconds an `m:ss` countdown shows. */
async function countdownSeconds(locator: import('@playwright/test').Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  const [m, s] = text.trim().split(':').map(Number);
  return m * 60 + s;
}

/** Starts a verification of `person` on another device, through the API: this one is locked. */
async function verifyElsewhere(request: import('@playwright/test').APIRequestContext, person: Person): Promise<void> {
  const started = await request.post('/api/v1/auth/sessions', {
    data: { provider: 'kakao', name: person.name, birth_date: person.birthIso, phone: person.phone, device_id: `other-device-${Date.now()}` },
  });
  expect(started.status(), await started.text()).toBe(201);
}

for (const [label, shift] of [
  ['3 hours ahead', 3 * 3_600_000],
  ['9 hours behind', -9 * 3_600_000],
] as const) {
  test(`a phone ${label} shows the service's times and books`, async ({ page, request, consoleErrors }, testInfo) => {
    test.setTimeout(150_000);
    await shiftDeviceClock(page, shift);
    const person = await personForToday(request);
    await verifyElsewhere(request, person);

    // The start page: today's digit and the hours are the service's, whatever day the phone
    // thinks it is (9 hours behind, it is still yesterday on the phone).
    const campaign = await (await request.get('/api/v1/campaign')).json();
    await page.goto('/');
    expect(campaign.open_now, 'the suite\'s server opens at 10:00 Korea time').toBe(true);
    await expect(page.locator('.yy-facts__today')).toHaveText(
      campaign.today_digit === null ? '지금은 대상자 누구나 예약할 수 있습니다' : `지금 예약 대상: 생년월일 끝자리가 ${campaign.today_digit}인 분`,
    );
    await page.locator('#yy-start-birth').fill(person.birth);
    await page.getByRole('button', { name: '예약일 확인' }).click();
    await expect(page.getByRole('heading', { level: 3, name: '오늘 예약하실 수 있습니다' })).toBeVisible();

    // The lock: counted down from the server's end, no retry while it lasts.
    await fillVerification(page, person);
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sessions') && r.status() === 423);
    // The lock page asks the service's time once; its retry is judged after that answer.
    let refusedSeen = false;
    page.on('response', (r) => {
      if (r.status() === 423) refusedSeen = true;
    });
    const learnt = page.waitForResponse((r) => refusedSeen && r.url().endsWith('/api/v1/campaign'));
    await page.getByRole('button', { name: '인증 요청' }).click();
    const until = Date.parse((await (await refused).json()).locked_until);
    await expect(page.getByRole('heading', { level: 1, name: '다른 기기에서 인증 중입니다' })).toBeVisible();
    await expect(page.getByText(`${koreaHourMinute(until)}에 이 기기에서 다시 인증할 수 있습니다.`)).toBeVisible();
    const lockLeft = page.locator('.yy-countdown__value');
    const expected = (until - (await serverNow(request))) / 1000;
    expect(Math.abs((await countdownSeconds(lockLeft)) - expected), 'the lock counts down the server\'s time').toBeLessThanOrEqual(60);
    const pageClock = await page.evaluate(() => [Date.now(), new Date().getTime()]);
    for (const reading of pageClock) {
      expect(Math.abs(reading - Date.now() - shift), 'the page\'s clock is off as the phone\'s').toBeLessThan(60_000);
    }
    await learnt;
    await page.waitForTimeout(1_000);
    await expect(page.getByRole('link', { name: '다시 시도' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await screenshot(page, testInfo, `locked-${shift > 0 ? 'ahead' : 'behind'}`);

    // Ten minutes pass on the server, and the citizen comes back to the page: now the retry is
    // offered, and works.
    expect((await request.post('/api/v1/test/clock', { data: { seconds: 601 } })).status()).toBe(204);
    await page.reload();
    await expect(page.getByRole('link', { name: '다시 시도' })).toBeVisible();
    await expect(lockLeft).toHaveText('0:00');
    await setPaused(request, true);
    await page.getByRole('link', { name: '다시 시도' }).click();
    await expect(page).toHaveURL(/\/verify$/);
    await fillVerification(page, person);
    await page.getByRole('button', { name: '인증 요청' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '접속 대기 중입니다' })).toBeVisible({ timeout: 20_000 });

    // The waiting room loses its connection: the place is held until the service's time + 10 min.
    await expect(page.getByText('잠시 입장을 멈췄습니다. 순서는 그대로 유지됩니다.')).toBeVisible({ timeout: 15_000 });
    await page.route('**/api/v1/queue/progress', (route) => route.abort('connectionfailed'));
    const held = page.getByText(/적어도 \d\d:\d\d까지는 괜찮습니다/);
    await expect(held).toBeVisible({ timeout: 30_000 });
    const shown = /(\d\d:\d\d)까지/.exec((await held.textContent()) ?? '')![1];
    const promised = koreaHourMinute((await serverNow(request)) + 10 * 60_000);
    expect(minutesApart(shown, promised), `held until ${shown}, the service says ${promised}`).toBeLessThanOrEqual(1);
    await expectNoAxeViolations(page);
    await page.unroute('**/api/v1/queue/progress');

    // The turn comes: the booking countdown starts from the server's ten minutes.
    await setPaused(request, false);
    await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 30_000 });
    const bookingLeft = page.locator('.yy-timer .yy-countdown__value');
    await expect(bookingLeft).toHaveText(/^(10:00|9:[0-5]\d)$/);
    await pickSlot(page, shift > 0 ? '중구' : '용산구', { date: 0, time: 0 });
    await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
    await page.getByRole('button', { name: '예약하기' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible({ timeout: 20_000 });
    // The browser's lines for the refused verification and the cut connection, nothing else.
    expect(appErrors(consoleErrors)).toEqual([]);
  });
}
