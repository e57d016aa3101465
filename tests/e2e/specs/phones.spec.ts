// The keyboards and browsers people really have: Korean typed through an input method, digits
// in full width, and a browser with JavaScript off.
import { type Browser, type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot } from './support';
import { personForToday } from './journey';

/** ASCII as a full-width keyboard or a copied text gives it (`010-` → `０１０－`). */
const fullWidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

test('Enter pressed while a Korean syllable is composing submits nothing; full-width digits are accepted', async ({ page, request }, testInfo) => {
  const person = await personForToday(request);
  const sent: Record<string, string>[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/auth/sessions')) sent.push(JSON.parse(r.postData() ?? '{}'));
  });
  await page.goto('/verify');
  await page.getByRole('radio', { name: /카카오/ }).check();
  await page.getByRole('button', { name: '다음' }).click();
  // Birth date and phone in full-width digits, as some keyboards and copied texts give them.
  await page.locator('#yy-birth').fill(fullWidth(person.birth));
  await page.getByLabel('휴대폰 번호').fill(fullWidth(person.phone));

  // The name through the input method, as Chromium's own IME events: the first syllables
  // committed, the last one still composing (ㅈ → 주 → 준) when Enter is pressed.
  const name = page.getByLabel('이름');
  await name.focus();
  const ime = await page.context().newCDPSession(page);
  const [given, last] = [person.name.slice(0, 2), person.name.slice(2)];
  await ime.send('Input.insertText', { text: given });
  const seen: { composing: boolean; key: string }[] = [];
  await page.evaluate(() => {
    document.addEventListener('keydown', (e) => {
      (window as unknown as { seenKeys: object[] }).seenKeys.push({ composing: e.isComposing, key: e.key });
    });
    (window as unknown as { seenKeys: object[] }).seenKeys = [];
  });
  await ime.send('Input.imeSetComposition', { text: last, selectionStart: 1, selectionEnd: 1 });
  await ime.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' });
  await ime.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
  seen.push(...(await page.evaluate(() => (window as unknown as { seenKeys: { composing: boolean; key: string }[] }).seenKeys)));
  expect(seen, 'the Enter belonged to a composition').toContainEqual({ composing: true, key: 'Enter' });
  // Nothing submitted, no error, the focus still in the name.
  await page.waitForTimeout(500);
  expect(sent).toEqual([]);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(name).toBeFocused();

  // The syllable is committed; now Enter sends the form, with the composed name.
  await ime.send('Input.insertText', { text: last });
  await expect(name).toHaveValue(person.name);
  await page.keyboard.press('Enter');
  await expect.poll(() => sent.length).toBe(1);
  expect(sent[0].name).toBe(person.name);
  expect(sent[0].birth_date).toBe(person.birthIso);
  expect(sent[0].phone.replace(/-/g, '')).toBe(person.phone.replace(/-/g, ''));
  await expect(page.getByRole('heading', { level: 1, name: /접속 대기 중입니다|접종 기관과 날짜 선택|인증 앱에서 승인해 주세요/ })).toBeVisible({ timeout: 20_000 });
  await screenshot(page, testInfo, 'ime-submitted');
});

test('a number still refused says what is wrong, with an example', async ({ page }) => {
  await page.goto('/verify');
  await page.getByRole('radio', { name: /카카오/ }).check();
  await page.getByRole('button', { name: '다음' }).click();
  await page.getByLabel('이름').fill('김민준');
  for (const [birth, phone, birthSays, phoneSays] of [
    ['１９７０３１９', '０２－１２３－４５６７', '생년월일은 연도 4자리, 월 2자리, 일 2자리로 모두 8자리입니다 (예: 19700319)', '휴대폰 번호는 010, 011, 016~019로 시작합니다 (예: 010-1234-5678)'],
    ['1970-02-30', '010-1234-567', '달력에 없는 날짜입니다. 월과 일을 확인해 주세요 (예: 19700319)', '010 휴대폰 번호는 11자리입니다 (예: 010-1234-5678)'],
    ['1970년3월19일', '010-l234-5678', '생년월일에는 숫자만 쓸 수 있습니다 (예: 19700319)', '휴대폰 번호에는 숫자와 - 만 쓸 수 있습니다 (예: 010-1234-5678)'],
  ]) {
    await page.locator('#yy-birth').fill(birth);
    await page.getByLabel('휴대폰 번호').fill(phone);
    await page.getByRole('button', { name: '인증 요청' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '입력 내용을 확인해 주세요' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: birthSays })).toBeVisible();
    await expect(summary.getByRole('link', { name: phoneSays })).toBeVisible();
    await expect(page.locator('#yy-birth-error')).toHaveText(birthSays);
    await expect(page.locator('#yy-phone-error')).toHaveText(phoneSays);
  }
  await expectNoAxeViolations(page);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the page names the service, says what to do, links the helpline, and shows no loading line', async ({ page, browser }, testInfo) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: /코로나19 백신 사전예약/ })).toBeVisible();
    // Playwright's text engine skips <noscript>, a browser without scripts shows it: read the
    // paragraph itself.
    const said = page.locator('main noscript p');
    await expect(said).toBeVisible();
    await expect(said).toContainText('이 누리집은 자바스크립트가 켜져 있어야 예약할 수 있습니다.');
    await expect(said).toContainText('1339로 전화해 예약하세요');
    const call = page.getByRole('link', { name: '1339' });
    await expect(call).toHaveCount(1);
    await expect(call).toBeVisible();
    await expect(call).toHaveAttribute('href', 'tel:1339');
    await expect(page.getByText('불러오는 중입니다')).toBeHidden();
    await expect(page.getByText('화면이 열리지 않습니다')).toBeHidden();
    await screenshot(page, testInfo, 'no-javascript');
    await auditWithoutScripts(page, browser);
  });
});

/**
 * axe is a script, so it cannot run where scripts are off. It audits a copy of what this page
 * shows instead: the same markup at the same address with its scripts taken out, the noscript's
 * content as a plain block (as a browser without scripts parses it), and the lines that
 * `@media (scripting: none)` hides, shown hidden here first, removed.
 */
async function auditWithoutScripts(page: Page, browser: Browser): Promise<void> {
  const hiddenWithoutScripts = ['.yy-boot__loading', '.yy-boot__late', '.yy-boot__helpline'];
  for (const selector of hiddenWithoutScripts) await expect(page.locator(selector)).toBeHidden();
  const shown = (await page.content())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="modulepreload"[^>]*>/g, '')
    .replace(/<(\/?)noscript>/g, '<$1div>');
  expect(shown).not.toContain('<script');
  const context = await browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() ?? undefined });
  try {
    const copy = await context.newPage();
    await copy.route(page.url(), (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: shown }));
    await copy.goto(page.url());
    await copy.evaluate((selectors) => {
      for (const element of document.querySelectorAll(selectors.join(','))) element.remove();
    }, hiddenWithoutScripts);
    await expect(copy.locator('main p').first()).toContainText('이 누리집은 자바스크립트가 켜져 있어야');
    await expectNoAxeViolations(copy);
  } finally {
    await context.close();
  }
}
