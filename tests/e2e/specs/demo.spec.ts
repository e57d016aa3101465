// What a newcomer gets from `cargo xtask run`: a demonstration server (started by the suite
// with the same flags) open at any hour, its band on every page naming a birth date that books
// today; and with --production-rules, the real hours and no band.
import { test, expect, expectNoAxeViolations } from './support';
import { walkToReview } from './journey';

const demoUrl = process.env.YEYAK_DEMO_URL;
const closedUrl = process.env.YEYAK_CLOSED_URL;

test.describe('cargo xtask run (a demonstration)', () => {
  test.use({ baseURL: demoUrl });

  test('books with the birth date the start page names, under the demo band', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '코로나19 백신 사전예약' })).toBeVisible();
    const ribbon = page.getByRole('complementary', { name: '시연 안내 Demo' });
    await expect(ribbon).toContainText('시연용 · 연습용 화면으로, 실제 예약은 되지 않습니다.');
    await expect(ribbon).toContainText('Demo · A practice service');
    await expect(ribbon).toContainText('오늘 예약할 수 있는 생년월일:');
    const iso = ((await ribbon.textContent()) ?? '').match(/\d{4}-\d{2}-\d{2}/)?.[0];
    expect(iso, 'the band names a birth date').toBeTruthy();
    await expectNoAxeViolations(page);

    const unique = Math.floor(Math.random() * 9000) + 1000;
    const person = {
      name: ['김', '이', '박'][unique % 3] + '시연' + ['민', '서', '준'][Math.floor(unique / 3) % 3],
      birth: iso!.replaceAll('-', ''),
      birthIso: iso!,
      phone: `010-${unique}-${String(Math.floor(Math.random() * 9000) + 1000)}`,
    };
    await walkToReview(page, person);
    await expect(ribbon).toBeVisible();
    await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
    await page.getByRole('button', { name: '예약하기' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
    await expect(page.locator('.yy-number')).toHaveText(/^YY-[A-Z0-9]{10}$/);
    // A reload deep in the journey has the band too; in English it still says what this is.
    // (The band is in the served page; the app's heading comes once the page's chunk is here.)
    await page.reload();
    await expect(ribbon).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'You are booked' })).toBeVisible();
    await expect(ribbon.locator('[lang=en]')).toContainText(`A birth date that books today: ${iso}`);
  });
});

test.describe('cargo xtask run --production-rules', () => {
  test.use({ baseURL: closedUrl });

  test('outside the window the start page says when booking opens, and shows no demo', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('.yy-facts__today')).toHaveText(/^지금은 예약 시간이 아닙니다\. 다음 예약 시작: .+ 20:00$/);
    await expect(page.locator('.yy-demo-ribbon')).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});
