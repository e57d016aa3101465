// The fault suite: every API call the journey makes, answered badly in five ways in turn — a 502
// with an HTML body (a proxy), 200 with truncated JSON (a cut connection; the server did act),
// 200 with an HTML page (a captive portal), no answer past the client's time limit, and the
// browser offline. Each must end in a readable message and a way forward that works once the
// network is back, with no page error and nothing booked twice. At phone size every fault; at
// desktop size the first, for the layout. Each call's first failed state is checked by axe and
// saved as a screenshot.
import { type APIRequestContext, type Page, type Route } from '@playwright/test';
import { test, expect, appErrors, expectNoAxeViolations, screenshot } from './support';
import { admitThroughApi, fillVerification, personForToday, pickSlot, type Person } from './journey';

const FAULTS = ['502 html', 'truncated json', 'html page', 'timeout', 'offline'] as const;
type Fault = (typeof FAULTS)[number];

/** What the citizen reads after a failed call: the connection, the time limit, or reconnecting. */
const READABLE = /서버와 연결이 원활하지 않습니다|서버가 제때 답하지 않았습니다|연결을 다시 시도하는 중입니다|인터넷 연결이 끊겼습니다/;

/** The client's time limits (src/api.rs): a read, a write, the booking. */
const TIMEOUTS = { read: 15_000, write: 20_000, booking: 30_000 };

/** One call of the journey: how its requests are recognised. */
type Call = { method: string; path: RegExp };

/**
 * Answers `call` with the current fault until `set(null)`. Requests held for the timeout fault
 * are let go (aborted) when the fault changes.
 */
async function faultInjector(page: Page, call: Call) {
  let current: Fault | null = null;
  let release: (() => void)[] = [];
  await page.route(
    (url) => call.path.test(url.pathname),
    async (route: Route) => {
      const fault = route.request().method() === call.method ? current : null;
      switch (fault) {
        case '502 html':
          return route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
        case 'truncated json': {
          const response = await route.fetch();
          const body = await response.text();
          return route.fulfill({ response, body: body.slice(0, Math.max(1, Math.floor(body.length / 2))) });
        }
        case 'html page':
          return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Wi-Fi login</title><p>Sign in to continue</p>' });
        case 'timeout':
          await new Promise<void>((resolve) => release.push(resolve));
          return route.abort().catch(() => {});
        default:
          return route.fallback();
      }
    },
  );
  return async (fault: Fault | null) => {
    release.forEach((r) => r());
    release = [];
    if (current === 'offline') await page.context().setOffline(false);
    current = fault;
    if (fault === 'offline') await page.context().setOffline(true);
  };
}

/** Expects the readable message of a failed call (every fault but the timeout shows it at once). */
async function expectReadable(page: Page, fault: Fault): Promise<void> {
  const message = page.locator('[role=alert], [role=status], .yy-notice').filter({ hasText: READABLE });
  await expect(message.first(), `a readable message after "${fault}"`).toBeVisible({ timeout: TIMEOUTS.booking + 5_000 });
}

/**
 * For each fault in turn: `act` makes the call (the first time) or retries it (afterwards); the
 * message must appear. Then the fault is lifted, `act` runs once more and `arrived` must hold.
 */
async function everyFault(
  page: Page,
  set: (fault: Fault | null) => Promise<void>,
  first: () => Promise<void>,
  retry: (fault: Fault | null) => Promise<void>,
  arrived: () => Promise<void>,
): Promise<void> {
  // Every fault at phone size; at desktop size the first one, for the layout and axe.
  const info = test.info();
  const faults = info.project.name === 'mobile' ? FAULTS : FAULTS.slice(0, 1);
  for (const [i, fault] of faults.entries()) {
    await set(fault);
    await test.step(`${fault}: ${i === 0 ? 'the call' : 'the retry'} fails readably`, async () => {
      // A held request ends when the client gives up on it: wait for that, not for a guess.
      const given_up = fault === 'timeout'
        ? page.waitForEvent('requestfailed', { timeout: TIMEOUTS.booking + 5_000 })
        : null;
      await (i === 0 ? first() : retry(fault));
      await given_up;
      await expectReadable(page, fault);
      if (i === 0) {
        // Each failed state is looked at (a screenshot at both sizes) and checked by axe.
        await expectNoAxeViolations(page);
        shots.set(info.testId, (shots.get(info.testId) ?? 0) + 1);
        await screenshot(page, info, `fault-${info.title.replace(/[^A-Za-z]+/g, '-').slice(0, 40)}${shots.get(info.testId)}`);
      }
    });
    // The old message may still be up: let this fault's answer arrive.
    await page.waitForTimeout(300);
  }
  await set(null);
  await retry(null);
  await arrived();
}

/** Screenshots taken so far in each test, to number them. */
const shots = new Map<string, number>();

/** Console errors the app made: the browser's own line for each failed request is expected here. */
const retryButton = (page: Page) => page.getByRole('button', { name: '다시 시도' });

/**
 * Reloads the page so a poll starts again at once, rather than after its back-off. Offline, a
 * reload would only show the browser's own error page: the open page has to notice by itself.
 */
const reload = (page: Page) => async (fault: Fault | null) => {
  if (fault !== 'offline') await page.reload();
};

async function reservationsOf(request: APIRequestContext, person: Person, number: string) {
  const found = await request.post('/api/v1/reservations/lookup', {
    data: { name: person.name, birth_date: person.birthIso, number },
  });
  return found.status();
}

/** A booking made through the API: the last open slot of centre 1's last day (the other suites book the first ones). */
async function bookedThroughApi(request: APIRequestContext, person: Person, device: string): Promise<string> {
  const admission = await admitThroughApi(request, person, device);
  const slots = await (await request.get('/api/v1/centers/1/availability')).json();
  const slot = slots.days.flatMap((d: { slots: { slot_id: number; remaining: number }[] }) => d.slots).filter((s: { remaining: number }) => s.remaining > 0).at(-1);
  const booked = await request.post('/api/v1/reservations', {
    headers: { Authorization: `Bearer ${admission}`, 'Idempotency-Key': `fault-${person.phone}` },
    data: { slot_id: slot.slot_id },
  });
  expect(booked.status()).toBe(201);
  return (await booked.json()).number;
}

/** The manage page with the booking looked up. */
async function lookUp(page: Page, person: Person, number: string): Promise<void> {
  await page.goto('/manage');
  await page.getByLabel('이름').fill(person.name);
  await page.getByLabel('생년월일 8자리').fill(person.birth);
  await page.getByLabel('예약 번호').fill(number);
  await page.getByRole('button', { name: '조회' }).click();
  await expect(page.locator('.yy-number')).toHaveText(number);
}

/** Into the booking page through the UI (verified, queued, admitted at once: the window is open). */
async function admittedOnBookPage(page: Page, person: Person): Promise<void> {
  await fillVerification(page, person);
  await page.getByRole('button', { name: '인증 요청' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 30_000 });
}

test.describe('every call survives every fault', () => {
  test.describe.configure({ timeout: 180_000 });

  test('GET /campaign (start page)', async ({ page, consoleErrors }) => {
    const set = await faultInjector(page, { method: 'GET', path: /\/api\/v1\/campaign$/ });
    await everyFault(page, set,
      async () => { await page.goto('/'); },
      () => retryButton(page).click(),
      () => expect(page.getByText(/지금 예약 대상|예약 시간/).first()).toBeVisible());
    expect(appErrors(consoleErrors)).toEqual([]);
  });

  test('GET /providers (status lights)', async ({ page, consoleErrors }) => {
    const set = await faultInjector(page, { method: 'GET', path: /\/api\/v1\/providers$/ });
    await everyFault(page, set,
      async () => { await page.goto('/verify'); },
      () => retryButton(page).click(),
      async () => {
        await expect(page.getByRole('radio', { name: /카카오/ })).toBeVisible();
        await expect(page.getByRole('alert')).toHaveCount(0);
      });
    // 다음 with nothing to choose from asks again instead of "choose a method".
    await set('502 html');
    await page.reload();
    await expectReadable(page, '502 html');
    await set(null);
    await page.getByRole('button', { name: '다음' }).click();
    await expect(page.getByRole('radio', { name: /카카오/ })).toBeVisible();
    await expect(page.getByText('인증 방법을 골라 주세요')).toHaveCount(0);
    expect(appErrors(consoleErrors)).toEqual([]);
  });

  test('POST /auth/sessions (asking for verification)', async ({ page, request, consoleErrors }) => {
    const person = await personForToday(request);
    await fillVerification(page, person);
    const set = await faultInjector(page, { method: 'POST', path: /\/api\/v1\/auth\/sessions$/ });
    const submit = () => page.getByRole('button', { name: '인증 요청' }).click();
    await everyFault(page, set, submit, submit, () =>
      expect(page.getByRole('heading', { level: 1, name: /인증 앱에서 승인해 주세요|접속 대기 중입니다|접종 기관과 날짜 선택/ })).toBeVisible({ timeout: 20_000 }));
    expect(appErrors(consoleErrors)).toEqual([]);
  });

  test('GET /auth/sessions/{id} (waiting for the approval)', async ({ page, request, consoleErrors }) => {
    const person = await personForToday(request);
    await fillVerification(page, person);
    const set = await faultInjector(page, { method: 'GET', path: /\/api\/v1\/auth\/sessions\/[^/]+$/ });
    await everyFault(page, set,
      () => page.getByRole('button', { name: '인증 요청' }).click(),
      reload(page),
      () => expect(page.getByRole('heading', { level: 1, name: /접속 대기 중입니다|접종 기관과 날짜 선택/ })).toBeVisible({ timeout: 20_000 }));
    expect(appErrors(consoleErrors)).toEqual([]);
  });

  test('POST /queue/tickets (joining the queue)', async ({ page, request, consoleErrors }) => {
    const person = await personForToday(request);
    await fillVerification(page, person);
    const set = await faultInjector(page, { method: 'POST', path: /\/api\/v1\/queue\/tickets$/ });
    // Offline, the page first polls the approval again and says it is reconnecting; back
    // online it carries on by itself, so the last retry button may be gone.
    const retryIfOffered = async () => {
      const button = retryButton(page);
      if (await button.isVisible()) await button.click();
    };
    await everyFault(page, set,
      () => page.getByRole('button', { name: '인증 요청' }).click(),
      retryIfOffered,
      () => expect(page.getByRole('heading', { level: 1, name: /접속 대기 중입니다|접종 기관과 날짜 선택/ })).toBeVisible({ timeout: 20_000 }));
    expect(appErrors(consoleErrors)).toEqual([]);
  });

  test('GET /queue/progress and POST …/admission (the waiting room)', async ({ page, request, consoleErrors }) => {
    for (const call of [
      { method: 'GET', path: /\/api\/v1\/queue\/progress$/ },
      { method: 'POST', path: /\/api\/v1\/queue\/tickets\/[^/]+\/admission$/ },
    ]) {
      const person = await personForToday(request);
      await fillVerification(page, person);
      const set = await faultInjector(page, call);
      await everyFault(page, set,
        () => page.getByRole('button', { name: '인증 요청' }).click(),
        reload(page),
        () => expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 30_000 }));
      // The queue keeps the place: the person went on to booking, not to the back of the line.
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.evaluate(() => sessionStorage.clear());
    }
    expect(appErrors(consoleErrors)).toEqual([]);
  });

  test('GET /regions, /centers and /availability (choosing a place and time)', async ({ page, request, consoleErrors }) => {
    const person = await personForToday(request);
    const regions = await faultInjector(page, { method: 'GET', path: /\/api\/v1\/regions$/ });
    await regions('502 html');
    await admittedOnBookPage(page, person);
    await expectReadable(page, '502 html');
    await everyFault(page, regions, async () => {}, () => retryButton(page).click(),
      () => expect(page.getByRole('radio', { name: '서울특별시', exact: true })).toBeVisible());
    await page.getByRole('radio', { name: '서울특별시', exact: true }).check();
    await page.getByRole('button', { name: '다음' }).click();
    await page.getByRole('radio', { name: '마포구', exact: true }).check();

    const centers = await faultInjector(page, { method: 'GET', path: /\/api\/v1\/centers$/ });
    const next = () => page.getByRole('button', { name: '다음' }).click();
    // 다음 after a failed list is a retry, as is 다시 시도.
    await everyFault(page, centers, next, next,
      () => expect(page.locator('input[type=radio]').first()).toBeVisible());
    await page.locator('input[type=radio]:not([disabled])').first().check();

    const availability = await faultInjector(page, { method: 'GET', path: /\/api\/v1\/centers\/\d+\/availability$/ });
    await everyFault(page, availability, next, () => retryButton(page).click(),
      () => expect(page.locator('input[type=radio]').first()).toBeVisible());
    expect(appErrors(consoleErrors)).toEqual([]);
  });

  test('POST /reservations (the booking) books once', async ({ page, request, consoleErrors }) => {
    const person = await personForToday(request);
    await admittedOnBookPage(page, person);
    // Away from the slots the other suites book (종로구's first times), so none fills under them.
    await pickSlot(page, '마포구', { date: 0, time: test.info().project.name === 'mobile' ? 2 : 3 });
    await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
    const set = await faultInjector(page, { method: 'POST', path: /\/api\/v1\/reservations$/ });
    const book = () => page.getByRole('button', { name: '예약하기' }).click();
    await everyFault(page, set, book, book,
      () => expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible());
    // The truncated answer came after the server had booked; every retry returned that booking.
    const number = (await page.locator('.yy-number').textContent())!.trim();
    expect(await reservationsOf(request, person, number)).toBe(200);
    // Booked once: one person holds at most one booking, so a second would have been refused
    // as already_reserved instead of reaching this page.
    expect(appErrors(consoleErrors)).toEqual([]);
  });

  test('POST /admission/extend (more time)', async ({ page, request, consoleErrors }) => {
    const person = await personForToday(request);
    await admittedOnBookPage(page, person);
    const set = await faultInjector(page, { method: 'POST', path: /\/api\/v1\/admission\/extend$/ });
    const extend = () => page.getByRole('button', { name: /시간 연장/ }).first().click();
    await everyFault(page, set, extend, extend, () => expect(page.locator('.yy-notice--error')).toHaveCount(0));
    expect(appErrors(consoleErrors)).toEqual([]);
  });

  test('PUT /reservations/{number} (changing the booking) moves it once', async ({ page, request, consoleErrors }) => {
    const person = await personForToday(request);
    const number = await bookedThroughApi(request, person, 'fault-device-change');
    await lookUp(page, person, number);
    await page.getByRole('button', { name: '예약 변경' }).click();
    await pickSlot(page, '마포구', { date: 0, time: test.info().project.name === 'mobile' ? 4 : 5 });
    await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
    const set = await faultInjector(page, { method: 'PUT', path: /\/api\/v1\/reservations\/YY-[A-Z0-9]+$/ });
    const change = () => page.getByRole('button', { name: '이 내용으로 변경하기' }).click();
    await everyFault(page, set, change, change,
      () => expect(page.getByRole('heading', { level: 1, name: '예약이 변경되었습니다' })).toBeVisible());
    await expect(page.locator('.yy-number')).toHaveText(number);
    // The server holds the one booking, now in 마포구 (a truncated answer came after the move;
    // the retries asked for the same slot and were answered with it).
    const found = await request.post('/api/v1/reservations/lookup', {
      data: { name: person.name, birth_date: person.birthIso, number },
    });
    expect(found.status()).toBe(200);
    expect(JSON.stringify(await found.json())).toContain('마포구');
    expect(appErrors(consoleErrors)).toEqual([]);
  });

  test('POST /reservations/lookup and …/cancel (looking up and cancelling)', async ({ page, request, consoleErrors }) => {
    const person = await personForToday(request);
    const number = await bookedThroughApi(request, person, 'fault-device-lookup');
    await page.goto('/manage');
    await page.getByLabel('이름').fill(person.name);
    await page.getByLabel('생년월일 8자리').fill(person.birth);
    await page.getByLabel('예약 번호').fill(number);
    const lookup = await faultInjector(page, { method: 'POST', path: /\/api\/v1\/reservations\/lookup$/ });
    const find = () => page.getByRole('button', { name: '조회' }).click();
    await everyFault(page, lookup, find, find, () => expect(page.locator('.yy-number')).toHaveText(number));

    const cancel = await faultInjector(page, { method: 'DELETE', path: /\/api\/v1\/reservations\/YY-[A-Z0-9]+$/ });
    await page.getByRole('button', { name: '예약 취소' }).click();
    const yes = () => page.getByRole('button', { name: '네, 예약을 취소합니다' }).click();
    await everyFault(page, cancel, yes, yes, () => expect(page.getByText('예약이 취소되었습니다')).toBeVisible());
    await expect(page.getByRole('link', { name: '처음 화면으로' })).toBeVisible();
    expect(appErrors(consoleErrors)).toEqual([]);
  });
});
