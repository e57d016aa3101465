// Evidence for the accessibility review: every page state of the journey, in Korean and in
// English, in the normal, high-contrast (선명한 화면) and forced-colours modes, at the project's
// size (360x740 and 1280x800); then at 320 px wide and at 200% zoom. At each state: axe reports
// nothing, nothing scrolls sideways, every target is at least 24x24 px, and an English page
// shows no Korean except the service's own Korean data, marked lang="ko".
import { test, expect, expectNoAxeViolations, screenshot } from './support';
import { holdFirstApproval, openOption, personForToday } from './journey';
import { WORDS, type Lang } from './words';
import { koreanOutsideKo, sidewaysOverflow, smallTargets } from './review';
import type { Page, TestInfo } from '@playwright/test';

type Mode = 'plain' | 'contrast' | 'forced';

/** The checks at one page state. */
async function audit(page: Page, lang: Lang, state: string): Promise<void> {
  await expectNoAxeViolations(page);
  expect(await sidewaysOverflow(page), `${state}: nothing scrolls sideways`).toBeLessThanOrEqual(0);
  expect(await smallTargets(page), `${state}: targets of at least 24x24 px`).toEqual([]);
  if (lang === 'en') expect(await koreanOutsideKo(page), `${state}: no untranslated text`).toEqual([]);
}

/** After a route change: the title names the page and the service, and focus is on the h1. */
async function arrived(page: Page, lang: Lang, heading: string): Promise<void> {
  const h1 = page.getByRole('heading', { level: 1, name: heading });
  await expect(h1).toBeVisible({ timeout: 20_000 });
  await expect(h1).toBeFocused();
  await expect(page).toHaveTitle(`${heading} - ${WORDS[lang].service}`);
}

/** The whole journey, auditing every state on the way. */
async function walk(page: Page, lang: Lang, mode: Mode, testInfo: TestInfo, shots: string[] = []): Promise<void> {
  const w = WORDS[lang];
  const person = await personForToday(page.request);
  const check = async (state: string) => {
    await audit(page, lang, state);
    if (shots.includes(state)) await screenshot(page, testInfo, `${lang}-${mode}-${state}`);
  };
  if (mode === 'forced') await page.emulateMedia({ forcedColors: 'active' });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  if (mode === 'contrast') {
    const toggle = page.getByRole('button', { name: w.contrast });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('.yy-app')).toHaveClass(/yy-app--contrast/);
  }
  await check('start');
  await page.getByLabel(w.birth).fill(person.birth);
  await page.getByRole('button', { name: w.check }).click();
  await expect(page.getByRole('heading', { name: w.today })).toBeVisible();
  await check('start-today');

  await page.getByRole('link', { name: w.start }).click();
  await arrived(page, lang, w.providerTitle);
  await expect(page.getByRole('radio').first()).toBeVisible();
  await check('provider');
  await page.getByRole('radio', { name: w.kakao }).check();
  await page.getByRole('button', { name: w.next }).click();

  await arrived(page, lang, w.verifyTitle);
  await check('verify');
  await page.getByRole('button', { name: w.sendVerification }).click();
  await expect(page.locator('.yy-error-summary')).toBeFocused();
  await expect(page).toHaveTitle(`${w.errorPrefix}${w.verifyTitle} - ${w.service}`);
  await check('verify-errors');
  await page.getByLabel(w.name).fill(person.name);
  await page.locator('#yy-birth').fill(person.birth);
  await page.getByLabel(w.phone).fill(person.phone);
  await holdFirstApproval(page);
  await page.getByRole('button', { name: w.sendVerification }).click();
  await arrived(page, lang, w.approveTitle);
  await check('approve');

  // Admitted: the title says it is the person's turn and focus is on that message.
  await expect(page.getByRole('heading', { level: 1, name: w.bookTitle })).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveTitle(`${w.admittedTitle} - ${w.service}`);
  await expect(page.locator('#yy-admitted')).toBeFocused();
  for (let step = 0; step < 5; step++) {
    const open = page.locator('input[type=radio]:not([disabled])');
    await expect(open.first()).toBeVisible();
    await check(`book-${step}`);
    // The first region, district and centre; a date and a time spread so no slot fills under another test.
    await (step < 3 ? open.first() : await openOption(page, step === 3 ? 'date' : 'time', 'spread')).check();
    await page.getByRole('button', { name: w.next }).click();
  }

  await arrived(page, lang, w.reviewTitle);
  await check('review');
  await page.getByRole('button', { name: w.book }).click();
  await expect(page).toHaveTitle(`${w.errorPrefix}${w.reviewTitle} - ${w.service}`);
  await check('review-errors');
  await page.getByLabel(w.consent).check();
  await page.getByRole('button', { name: w.book }).click();

  await arrived(page, lang, w.doneTitle);
  await check('done');
  await page.locator('main a[href$="/manage"]').first().click();
  await arrived(page, lang, w.manageTitle);
  await check('manage');
  await page.getByRole('button', { name: w.lookUp }).click();
  await expect(page.locator('.yy-error-summary')).toBeFocused();
  await check('manage-errors');

  await page.locator('footer a[href$="/accessibility"]').click();
  await arrived(page, lang, w.statementTitle);
  await check('statement');
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: w.notFoundTitle })).toBeVisible();
  // The language and the contrast mode are remembered across the reload.
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  if (mode === 'contrast') await expect(page.locator('.yy-app')).toHaveClass(/yy-app--contrast/);
  await check('not-found');
}

for (const lang of ['ko', 'en'] as const) {
  for (const mode of ['plain', 'contrast', 'forced'] as const) {
    test(`every state passes the review in ${lang}, ${mode}`, async ({ page, consoleErrors }, testInfo) => {
      test.setTimeout(120_000);
      await walk(page, lang, mode, testInfo, mode === 'plain' ? [] : ['provider', 'book-2']);
      expect(consoleErrors).toEqual([]);
    });
  }
  test(`every state reflows at 320 px wide in ${lang}`, async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== 'mobile', 'one phone size is enough');
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 320, height: 640 });
    await walk(page, lang, 'plain', testInfo, ['provider', 'book-2', 'review']);
  });
  test(`every state works at 200% zoom in ${lang}`, async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop', 'zoom is a desktop browser setting');
    test.setTimeout(120_000);
    // 1280x800 at 200% lays out like a 640x400 window.
    await page.setViewportSize({ width: 640, height: 400 });
    await walk(page, lang, 'plain', testInfo, ['book-2']);
  });
}

test('switching language keeps the step and what was entered', async ({ page, request }) => {
  const person = await personForToday(request);
  await page.goto('/verify');
  await page.getByRole('radio', { name: /카카오/ }).check();
  await page.getByRole('button', { name: '다음' }).click();
  await page.getByLabel('이름').fill(person.name);
  await page.getByLabel('휴대폰 번호').fill(person.phone);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verify your identity' })).toBeVisible();
  await expect(page).toHaveURL(/\/verify\/details$/);
  await expect(page).toHaveTitle('Verify your identity - COVID-19 vaccine pre-booking');
  await expect(page.getByLabel('Name')).toHaveValue(person.name);
  await expect(page.getByLabel('Mobile number')).toHaveValue(person.phone);
  await page.locator('#yy-birth').fill(person.birth);
  await page.getByRole('button', { name: 'Send verification request' }).click();

  // Mid-booking: the step and the choices stay.
  await expect(page.getByRole('heading', { level: 1, name: 'Choose where and when' })).toBeVisible({ timeout: 30_000 });
  await page.locator('input[type=radio]').first().check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('input[type=radio]').first().check();
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible();
  await expect(page.locator('.yy-steps')).toContainText('2/5');
  await expect(page.locator('input[type=radio]').first()).toBeChecked();
});

test('the review checks catch what they look for', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await smallTargets(page)).toEqual([]);
  expect(await koreanOutsideKo(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.evaluate(() => {
    const main = document.querySelector('main')!;
    const tiny = document.createElement('button');
    tiny.textContent = 'x';
    tiny.style.cssText = 'all: unset; display: inline-block; width: 12px; height: 12px;';
    const korean = document.createElement('p');
    korean.textContent = '번역되지 않은 문장';
    const marked = document.createElement('p');
    marked.lang = 'ko';
    marked.textContent = '서울특별시';
    const wide = document.createElement('div');
    wide.style.width = '3000px';
    wide.textContent = 'wide';
    main.append(tiny, korean, marked, wide);
  });
  expect(await smallTargets(page)).toEqual(['button "x" 12x12']);
  expect(await koreanOutsideKo(page)).toEqual(['번역되지 않은 문장']);
  expect(await sidewaysOverflow(page)).toBeGreaterThan(0);
});
