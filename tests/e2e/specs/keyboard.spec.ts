// The whole journey with the keyboard alone: Tab to move, Space to choose, Enter to go.
import { test, expect, expectNoAxeViolations } from './support';
import { personForToday } from './journey';
import type { Locator, Page } from '@playwright/test';

/** Presses Tab until `target` has focus; fails if it is not reachable within `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

test('the whole journey works with the keyboard alone', async ({ page, request, consoleErrors }) => {
  test.setTimeout(90_000);
  const person = await personForToday(request);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await tabTo(page, page.getByLabel('생년월일 8자리'));
  await page.keyboard.type(person.birth);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '오늘 예약하실 수 있습니다' })).toBeFocused();
  await tabTo(page, page.getByRole('link', { name: '본인 인증하고 예약 시작' }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: '인증 방법 선택' })).toBeFocused();
  await expect(page.getByRole('radio').first()).toBeEnabled();
  await tabTo(page, page.getByRole('radio').first());
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio').first()).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: '다음' }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: '본인 인증' })).toBeFocused();
  await tabTo(page, page.getByLabel('이름'));
  await page.keyboard.type(person.name);
  await page.keyboard.press('Tab');
  await expect(page.locator('#yy-birth')).toBeFocused();
  await page.keyboard.type(person.birth);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('휴대폰 번호')).toBeFocused();
  await page.keyboard.type(person.phone);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 20_000 });
  for (let step = 0; step < 5; step++) {
    const firstOpen = page.locator('input[type=radio]:not([disabled])').first();
    await expect(firstOpen).toBeVisible();
    await tabTo(page, firstOpen);
    await page.keyboard.press('Space');
    await expect(firstOpen).toBeChecked();
    await tabTo(page, page.getByRole('button', { name: '다음' }));
    await page.keyboard.press('Enter');
  }

  await expect(page.getByRole('heading', { level: 1, name: '예약 내용 확인' })).toBeFocused();
  await tabTo(page, page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.'));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: '예약하기' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(consoleErrors).toEqual([]);
});
