// The whole journey with the keyboard alone: Tab to move, Space to choose, Enter to go.
import { test, expect, expectNoAxeViolations } from './support';
import { personForToday } from './journey';
import { WORDS } from './words';
import type { Locator, Page } from '@playwright/test';

/** Presses Tab until `target` has focus; fails if it is not reachable within `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

for (const lang of ['ko', 'en'] as const) {
  test(`the whole journey works with the keyboard alone (${lang})`, async ({ page, request, consoleErrors }) => {
    test.setTimeout(90_000);
    const w = WORDS[lang];
    const person = await personForToday(request);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (lang === 'en') {
      // The language switch is reachable and works from the keyboard too.
      await tabTo(page, page.getByRole('button', { name: 'English' }));
      await page.keyboard.press('Enter');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }

    await tabTo(page, page.getByLabel(w.birth));
    await page.keyboard.type(person.birth);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: w.today })).toBeFocused();
    await tabTo(page, page.getByRole('link', { name: w.start }));
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: w.providerTitle })).toBeFocused();
    await expect(page.getByRole('radio').first()).toBeEnabled();
    await tabTo(page, page.getByRole('radio').first());
    await page.keyboard.press('Space');
    await expect(page.getByRole('radio').first()).toBeChecked();
    await tabTo(page, page.getByRole('button', { name: w.next }));
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: w.verifyTitle })).toBeFocused();
    await tabTo(page, page.getByLabel(w.name));
    await page.keyboard.type(person.name);
    await page.keyboard.press('Tab');
    await expect(page.locator('#yy-birth')).toBeFocused();
    await page.keyboard.type(person.birth);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(w.phone)).toBeFocused();
    await page.keyboard.type(person.phone);
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: w.bookTitle })).toBeVisible({ timeout: 20_000 });
    for (let step = 0; step < 5; step++) {
      const firstOpen = page.locator('input[type=radio]:not([disabled])').first();
      await expect(firstOpen).toBeVisible();
      await tabTo(page, firstOpen);
      await page.keyboard.press('Space');
      await expect(firstOpen).toBeChecked();
      await tabTo(page, page.getByRole('button', { name: w.next }));
      await page.keyboard.press('Enter');
    }

    await expect(page.getByRole('heading', { level: 1, name: w.reviewTitle })).toBeFocused();
    await tabTo(page, page.getByLabel(w.consent));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: w.book }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: w.doneTitle })).toBeVisible();
    await expectNoAxeViolations(page);
    expect(consoleErrors).toEqual([]);
  });
}
