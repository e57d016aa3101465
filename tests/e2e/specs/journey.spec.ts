// The citizen journey against the real server: start → verify → wait → book → confirm →
// look up → cancel, and the refused paths.
import { auditInEveryMode } from './review';
import { test, expect, expectNoAxeViolations, screenshot } from './support';
import { admitThroughApi, personForToday, pickSlot, verifyToQueue, walkToReview } from './journey';

test('a citizen books, looks the booking up, changes it and cancels it', async ({ page, request, consoleErrors }, testInfo) => {
  test.setTimeout(90_000);
  const person = await personForToday(request);
  const snap = async (name: string) => {
    await expectNoAxeViolations(page);
    await screenshot(page, testInfo, name);
  };
  await walkToReview(page, person, snap);
  await snap('review');

  // Consent is required, and says so.
  await page.getByRole('button', { name: '예약하기' }).click();
  // The summary takes focus and links to the checkbox; the field says it too.
  const summary = page.locator('.yy-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: '확인란에 표시해 주세요' })).toHaveAttribute('href', '#yy-consent');
  await expect(page.locator('#yy-consent-error')).toHaveText('확인란에 표시해 주세요');
  await expect(page).toHaveTitle('오류: 예약 내용 확인 - 코로나19 백신 사전예약');
  await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
  await page.getByRole('button', { name: '예약하기' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
  const number = (await page.locator('.yy-number').textContent())!.trim();
  expect(number).toMatch(/^YY-[A-Z0-9]{10}$/);
  await expect(page.getByText('2차 접종 (자동 예약)')).toBeVisible();
  const calendar = page.getByRole('link', { name: '캘린더에 추가 (.ics)' });
  await expect(calendar).toHaveAttribute('download', 'yeyak-vaccination.ics');
  await snap('done');

  // Look it up and cancel it.
  await page.getByRole('link', { name: '예약 조회·취소' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '예약 조회' })).toBeVisible();
  await snap('manage');
  await page.getByLabel('예약 번호').fill(number);
  await page.getByRole('button', { name: '조회' }).click();
  await expect(page.locator('.yy-number')).toHaveText(number);
  await snap('manage-found');
  const firstTime = await page.locator('.yy-summary__row').filter({ hasText: '1차 접종' }).locator('dd').textContent();

  // Change it to another time: the same picker, then the change is confirmed.
  await page.getByRole('button', { name: '예약 변경' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible();
  await expect(page.getByText('예약 가능 시간')).toHaveCount(0);
  await pickSlot(page, '종로구', { date: 0, time: 1 });
  await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
  await page.getByRole('button', { name: '이 내용으로 변경하기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '예약이 변경되었습니다' })).toBeVisible();
  await expect(page.locator('.yy-number')).toHaveText(number);
  const newTime = await page.locator('.yy-summary__row').filter({ hasText: '1차 접종' }).locator('dd').textContent();
  expect(newTime).not.toBe(firstTime);
  await snap('done-changed');

  // Cancel it.
  await page.getByRole('link', { name: '예약 조회·취소' }).click();
  await page.getByLabel('예약 번호').fill(number);
  await page.getByRole('button', { name: '조회' }).click();
  await expect(page.locator('.yy-summary__row').filter({ hasText: '1차 접종' }).locator('dd')).toHaveText(newTime!);
  await page.getByRole('button', { name: '예약 취소' }).click();
  await page.getByRole('button', { name: '네, 예약을 취소합니다' }).click();
  await expect(page.getByText('예약이 취소되었습니다')).toBeVisible();
  await snap('manage-cancelled');
  expect(consoleErrors).toEqual([]);
});

test('the form lists every mistake in a summary that takes focus', async ({ page, request }, testInfo) => {
  const person = await personForToday(request);
  await page.goto('/');
  await page.getByLabel('생년월일 8자리').fill(person.birth);
  await page.getByRole('button', { name: '예약일 확인' }).click();
  await page.getByRole('link', { name: '본인 인증하고 예약 시작' }).click();
  await page.getByRole('radio', { name: /네이버/ }).check();
  await page.getByRole('button', { name: '다음' }).click();
  await page.getByLabel('휴대폰 번호').fill('010-12');
  await page.getByRole('button', { name: '인증 요청' }).click();
  const summary = page.getByRole('alert').filter({ hasText: '입력 내용을 확인해 주세요' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveCount(3);
  await expect(page.getByLabel('이름')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'verify-errors');
  await summary.getByRole('link', { name: /010 휴대폰 번호는 11자리입니다/ }).click();
  await expect(page.getByLabel('휴대폰 번호')).toBeFocused();
});

test('a check pressed before the campaign has arrived waits for it, then answers', async ({ page, request }) => {
  const person = await personForToday(request);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/campaign', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await page.getByLabel('생년월일 8자리').fill(person.birth);
  await page.getByRole('button', { name: '예약일 확인' }).click();
  // No false "network error" while the campaign is on its way: the answer is pending.
  await expect(page.locator('.yy-check-result')).toContainText('불러오는 중입니다');
  await expect(page.getByRole('alert')).toHaveCount(0);
  release();
  const answer = page.getByRole('heading', { name: '오늘 예약하실 수 있습니다' });
  await expect(answer).toBeFocused();
  await expect(page.getByRole('link', { name: '본인 인증하고 예약 시작' })).toBeVisible();
});

test('someone whose digit is not today is told their day', async ({ page, request }, testInfo) => {
  const campaign = await (await request.get('/api/v1/campaign')).json();
  test.skip(campaign.today_digit === null, 'an open day: every digit books');
  const other = (campaign.today_digit + 1) % 10;
  await page.goto('/');
  await page.getByLabel('생년월일 8자리').fill(`1970031${other}`);
  await page.getByRole('button', { name: '예약일 확인' }).click();
  const result = page.getByRole('heading', { name: /^예약일은 .+월 .+일 .+부터입니다$/ });
  await expect(result).toBeVisible();
  await expect(result).toBeFocused();
  await expect(page.getByRole('link', { name: '본인 인증하고 예약 시작' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'start-not-your-day');
});

test('a second device is locked with a countdown', async ({ page, browser, request }, testInfo) => {
  const person = await personForToday(request);
  // The first device verifies through the API.
  const first = await request.post('/api/v1/auth/sessions', {
    data: { provider: 'kakao', name: person.name, birth_date: person.birthIso, phone: person.phone, device_id: 'first-device-0001' },
  });
  expect(first.status()).toBe(201);
  // This browser is the second device.
  await page.goto('/verify');
  await page.getByRole('radio', { name: /토스/ }).check();
  await page.getByRole('button', { name: '다음' }).click();
  await page.getByLabel('이름').fill(person.name);
  await page.locator('#yy-birth').fill(person.birth);
  await page.getByLabel('휴대폰 번호').fill(person.phone);
  await page.getByRole('button', { name: '인증 요청' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '다른 기기에서 인증 중입니다' })).toBeVisible();
  await expect(page.locator('.yy-countdown__value')).toHaveText(/^[0-9]{1,2}:[0-5][0-9]$/);
  await expect(page.getByText(/에 이 기기에서 다시 인증할 수 있습니다/)).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'locked');
  await auditInEveryMode(page);
});

test('a slot taken between choosing and confirming offers the nearest others', async ({ page, request, consoleErrors }, testInfo) => {
  test.setTimeout(120_000);
  const person = await personForToday(request);
  // A district of its own, so no other test races for the same slot.
  const district = testInfo.project.name === 'mobile' ? '중구' : '용산구';
  await walkToReview(page, person, undefined, district);
  // Take every remaining place of the chosen slot through the API, until the server says full.
  const slot = await page.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).choice.slot);
  for (let i = 0; i < 40; i++) {
    const other = await personForToday(request);
    const admission = await admitThroughApi(request, other, `taker-${i}-${other.phone}`);
    const taken = await request.post('/api/v1/reservations', {
      headers: { Authorization: `Bearer ${admission}`, 'Idempotency-Key': `take-${i}-${other.phone}` },
      data: { slot_id: slot.slot_id },
    });
    if (taken.status() === 409) break;
    expect(taken.status(), await taken.text()).toBe(201);
  }
  await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
  await page.getByRole('button', { name: '예약하기' }).click();
  await expect(page.getByText('방금 다른 분이 마지막 자리를 예약했습니다')).toBeVisible();
  await expect(page.getByRole('heading', { name: '가까운 다른 시간' })).toBeVisible();
  // The full slot is marked as gone and can no longer be booked; each alternative is named by
  // its own time and centre, so a screen reader tells them apart.
  await expect(page.getByText('(마감: 다른 분이 예약했습니다)')).toBeVisible();
  await expect(page.getByRole('button', { name: '예약하기', exact: true })).toHaveCount(0);
  const names = await page.getByRole('button', { name: /^이 시간으로 예약/ }).evaluateAll((buttons) =>
    buttons.map((b) => (b.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)!.textContent!.trim()).join(' ')));
  expect(names.length).toBeGreaterThan(1);
  expect(new Set(names).size, names.join(' | ')).toBe(names.length);
  for (const name of names) expect(name).toMatch(/^이 시간으로 예약 .*\d{2}:\d{2}/);
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'review-slot-full');
  await page.getByRole('button', { name: '이 시간으로 예약' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
  // Chromium logs the expected 409 itself; nothing else may appear.
  expect(consoleErrors.filter((e) => !e.includes('status of 409'))).toEqual([]);
  consoleErrors.length = 0;
});

test('a confirm that loses its answer is retried with the same key and books once', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const person = await personForToday(request);
  await walkToReview(page, person);
  const keys: string[] = [];
  let dropped = false;
  await page.route('**/api/v1/reservations', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    if (!dropped) {
      dropped = true;
      // The server books, but the answer never reaches the phone.
      await route.fetch();
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });
  await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
  await page.getByRole('button', { name: '예약하기' }).click();
  await expect(page.getByText('서버와 연결이 원활하지 않습니다')).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'review-network-error');
  await page.getByRole('button', { name: '예약하기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
  expect(keys).toHaveLength(2);
  expect(keys[0]).toBe(keys[1]);
  // One booking: looking it up by the number shown finds it, and it is the only one.
  const number = (await page.locator('.yy-number').textContent())!.trim();
  const found = await request.post('/api/v1/reservations/lookup', {
    data: { name: person.name, birth_date: person.birthIso, number },
  });
  expect(found.status()).toBe(200);
});

test('the waiting room says it is reconnecting when the server is unreachable', async ({ page, request }, testInfo) => {
  // Backoff after failures reaches up to a minute (crates/herd), so recovery may take that long.
  test.setTimeout(120_000);
  const person = await personForToday(request);
  // The progress endpoint is unreachable from the moment the person is queued.
  await page.route('**/api/v1/queue/progress', (route) => route.abort('connectionrefused'));
  await verifyToQueue(page, person);
  await expect(page.getByText('연결을 다시 시도하는 중입니다. 순서는 유지됩니다.')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('이 화면이 순서를 지켜 줍니다')).toBeVisible();
  const ticket = await page.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).ticket);
  expect(ticket).toBeTruthy();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'queue-reconnecting');
  // Back online: the same ticket is served and the booking starts.
  await page.unroute('**/api/v1/queue/progress');
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 65_000 });
});
