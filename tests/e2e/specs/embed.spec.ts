// Inside a portal: the example portal (examples/portal/) on one loopback origin frames the
// service on another, whose config.json lists it (embed.parent_origins) and applies its theme.
// xtask starts both and names the portal's page here.
import { type Frame, type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot } from './support';
import { personForToday, pickSlot } from './journey';

const PORTAL = process.env.YEYAK_PORTAL_URL ?? '';

type Message = { type: string; [key: string]: unknown };

const events = (page: Page) => page.evaluate(() => (window as unknown as { portalEvents: Message[] }).portalEvents);

/** The frame's document never needs a scrollbar of its own: the portal sized it to fit. */
async function fitsItsFrame(page: Page, frame: Frame, step: string): Promise<void> {
  await expect
    .poll(async () => {
      const inner = await frame.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
      return inner;
    }, { message: `no inner scrollbar at ${step}` })
    .toBeLessThanOrEqual(1);
}

test('framed by a listed portal: the whole journey books, the frame follows its height, and the portal hears every step but no personal data', async ({ page, request, consoleErrors }, testInfo) => {
  test.setTimeout(150_000);
  expect(PORTAL, 'YEYAK_PORTAL_URL names the example portal framing the service').toContain('?app=');
  const appUrl = new URL(new URL(PORTAL).searchParams.get('app')!);
  const person = await personForToday(request);
  await page.goto(PORTAL);
  const app = page.frameLocator('#yeyak');
  await expect(app.locator('h1.yy-page__title')).toHaveText('코로나19 백신 사전예약');
  const frame = page.frames().find((f) => f.url().startsWith(appUrl.origin))!;
  await expect.poll(async () => (await events(page)).some((m) => m.type === 'yeyak:ready')).toBe(true);

  // Embedded: the official-site masthead gives way; the helpline line stays.
  await expect(app.getByText('이 누리집은 대한민국 공식 전자정부 누리집입니다.')).toBeHidden();
  await expect(app.getByRole('link', { name: '1339' })).toBeVisible();
  await fitsItsFrame(page, frame, 'start');
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'embedded-start');

  // A tap inside the frame moves focus there without scrolling the portal's page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await app.getByLabel('생년월일 8자리').fill(person.birth);
  const before = await page.evaluate(() => window.scrollY);
  // Pressed without Playwright's own scrolling to the button, so only the app could move the page.
  await app.getByRole('button', { name: '예약일 확인' }).dispatchEvent('click');
  await expect(app.getByRole('heading', { name: '오늘 예약하실 수 있습니다' })).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(before);
  await fitsItsFrame(page, frame, 'start answered');

  await app.getByRole('link', { name: '본인 인증하고 예약 시작' }).click();
  await expect(app.getByRole('heading', { level: 1, name: '인증 방법 선택' })).toBeVisible();
  await fitsItsFrame(page, frame, 'verify');
  await app.getByRole('radio', { name: /카카오/ }).check();
  await app.getByRole('button', { name: '다음' }).click();
  await expect(app.getByRole('heading', { level: 1, name: '본인 인증' })).toBeVisible();
  await fitsItsFrame(page, frame, 'verify/details');
  await app.getByLabel('이름').fill(person.name);
  await app.locator('#yy-birth').fill(person.birth);
  await app.getByLabel('휴대폰 번호').fill(person.phone);
  await app.getByRole('button', { name: '인증 요청' }).click();
  await expect(app.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 30_000 });
  await fitsItsFrame(page, frame, 'book');
  await expectNoAxeViolations(page);
  await pickSlot(app, '종로구', { date: 0, time: testInfo.project.name === 'mobile' ? 0 : 1 });
  await fitsItsFrame(page, frame, 'review');
  await app.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
  await app.getByRole('button', { name: '예약하기' }).click();
  await expect(app.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
  const number = (await app.locator('.yy-number').textContent())!.trim();
  await fitsItsFrame(page, frame, 'done');
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'embedded-done');

  // The messages, in order: ready first, a height before the first step, each step, then booked.
  await expect.poll(async () => (await events(page)).some((m) => m.type === 'yeyak:booked')).toBe(true);
  const got = await events(page);
  const kinds = got.map((m) => m.type);
  expect(kinds[0]).toBe('yeyak:ready');
  expect(kinds.indexOf('yeyak:resize')).toBeLessThan(kinds.indexOf('yeyak:step'));
  expect(kinds).toContain('yeyak:resize');
  const steps = got.filter((m) => m.type === 'yeyak:step').map((m) => m.step);
  for (const step of ['verify', 'verify/details', 'book', 'review', 'done']) expect(steps).toContain(step);
  expect(steps.indexOf('verify')).toBeLessThan(steps.indexOf('book'));
  expect(steps.indexOf('review')).toBeLessThan(steps.indexOf('done'));
  const doneAt = got.findIndex((m) => m.type === 'yeyak:step' && m.step === 'done');
  expect(kinds.indexOf('yeyak:booked')).toBeGreaterThan(doneAt);
  for (const m of got) {
    for (const key of Object.keys(m)) expect(['type', 'height', 'step']).toContain(key);
  }
  const text = JSON.stringify(got);
  for (const secret of [person.name, person.birth, person.birthIso, person.phone, number]) {
    expect(text).not.toContain(secret);
  }

  // The portal's theme is on; high contrast still wins over it.
  const primary = () => app.locator('.yy-app').evaluate((e) => getComputedStyle(e).getPropertyValue('--yy-color-primary').trim());
  expect(await primary()).toBe('#0b3b6f');
  await app.getByRole('button', { name: '선명한 화면' }).click();
  expect(await primary()).not.toBe('#0b3b6f');
  await expectNoAxeViolations(page);
  await app.getByRole('button', { name: '선명한 화면' }).click();

  // The portal's language switch reaches the service; the same message from another origin does not.
  await frame.evaluate(() => {
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'yeyak:locale', locale: 'en' }, origin: 'http://elsewhere.test', source: window.parent }));
  });
  await page.waitForTimeout(300);
  await expect(app.locator('h1.yy-page__title')).toHaveText('예약이 완료되었습니다');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(app.locator('h1.yy-page__title')).toHaveText('You are booked');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(app.locator('h1.yy-page__title')).toHaveText('예약이 완료되었습니다');

  // A reload of the portal's page keeps what the frame holds (its storage, partitioned by the portal).
  await page.reload();
  await expect(app.locator('h1.yy-page__title')).toBeVisible();
  const reloaded = page.frames().find((f) => f.url().startsWith(appUrl.origin))!;
  expect(await reloaded.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).reservation.number)).toBe(number);

  // The helpline pressed tells the portal too.
  await app.getByRole('link', { name: '1339' }).evaluate((a) => a.addEventListener('click', (e) => e.preventDefault()));
  await app.getByRole('link', { name: '1339' }).click();
  await expect.poll(async () => (await events(page)).some((m) => m.type === 'yeyak:help')).toBe(true);
  expect(consoleErrors).toEqual([]);
});

test.describe('with service workers allowed', () => {
  test.use({ serviceWorkers: 'allow' });

  test('framed, the offline shell registers in the frame’s own partition and the app works on', async ({ page, consoleErrors }, testInfo) => {
    test.skip(testInfo.project.name !== 'mobile', 'one size is enough');
    test.setTimeout(60_000);
    await page.goto(PORTAL);
    const app = page.frameLocator('#yeyak');
    await expect(app.locator('h1.yy-page__title')).toHaveText('코로나19 백신 사전예약');
    const appUrl = new URL(new URL(PORTAL).searchParams.get('app')!);
    const frame = page.frames().find((f) => f.url().startsWith(appUrl.origin))!;
    // The worker is registered 3 s after the start; in a frame its storage is the portal's
    // partition. Either it controls the frame after a reload of the portal, or it said why not.
    await expect
      .poll(() => frame.evaluate(async () => (await navigator.serviceWorker?.getRegistration())?.active?.state ?? 'none'), { timeout: 30_000 })
      .toBe('activated');
    await page.reload();
    await expect(app.locator('h1.yy-page__title')).toHaveText('코로나19 백신 사전예약');
    const reloaded = page.frames().find((f) => f.url().startsWith(appUrl.origin))!;
    expect(await reloaded.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // The worker-served app answers: the date check on the start page works.
    await app.getByLabel('생년월일 8자리').fill('19700314');
    await app.getByRole('button', { name: '예약일 확인' }).click();
    await expect(app.getByRole('heading', { name: /^(오늘 예약하실 수 있습니다|예약일은 .+부터입니다)$/ })).toBeVisible({ timeout: 15_000 });
    expect(consoleErrors).toEqual([]);
  });
});
