// The same build served under /vaccine/ by configuration alone (`--base-path /vaccine` on the
// server): the page, its files, config.json, the API and every route follow, and nothing is
// asked for outside the sub-path. xtask starts that second server and names it here.
import { test, expect } from './support';
import { personForToday, pickSlot } from './journey';

const SUB = process.env.YEYAK_SUBPATH_URL ?? '';

test('under /vaccine/ the journey books, a deep link reloads, and unknown pages say so', async ({ page, request, consoleErrors }) => {
  test.setTimeout(120_000);
  expect(SUB, 'YEYAK_SUBPATH_URL names the server started with --base-path /vaccine').toMatch(/\/vaccine\/$/);
  const origin = new URL(SUB).origin;
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === origin && !url.pathname.startsWith('/vaccine/')) outside.push(url.pathname);
  });
  const person = await personForToday(request);

  await page.goto(SUB);
  await expect(page.locator('h1.yy-page__title')).toHaveText('코로나19 백신 사전예약');
  await page.getByLabel('생년월일 8자리').fill(person.birth);
  await page.getByRole('button', { name: '예약일 확인' }).click();
  await expect(page.getByRole('heading', { name: '오늘 예약하실 수 있습니다' })).toBeVisible();
  await page.getByRole('link', { name: '본인 인증하고 예약 시작' }).click();
  await expect(page).toHaveURL(`${SUB}verify`);
  await page.getByRole('radio', { name: /카카오/ }).check();
  await page.getByRole('button', { name: '다음' }).click();
  await page.getByLabel('이름').fill(person.name);
  await page.locator('#yy-birth').fill(person.birth);
  await page.getByLabel('휴대폰 번호').fill(person.phone);
  await page.getByRole('button', { name: '인증 요청' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(`${SUB}book`);
  await pickSlot(page, '종로구', { date: 0, time: 0 });
  await page.getByLabel('본인의 예약이며 위 내용으로 예약합니다.').check();
  await page.getByRole('button', { name: '예약하기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '예약이 완료되었습니다' })).toBeVisible();
  await expect(page).toHaveURL(`${SUB}done`);
  const number = (await page.locator('.yy-number').textContent())!.trim();

  // A reload of a deep link: the page, its chunk and the booking come back.
  await page.reload();
  await expect(page.locator('.yy-number')).toHaveText(number);
  // The service name leads to the sub-path's start, not the host's root.
  await page.getByRole('banner').getByRole('link', { name: '코로나19 백신 사전예약' }).click();
  await expect(page).toHaveURL(SUB);
  // A deep link opened straight in a fresh page.
  const fresh = await page.context().newPage();
  await fresh.goto(`${SUB}manage`);
  await expect(fresh.getByRole('heading', { level: 1 })).toHaveText('예약 조회');
  // An unknown route is the app's own not-found page; a missing file is a plain 404.
  await fresh.goto(`${SUB}no-such-page`);
  await expect(fresh.getByRole('heading', { level: 1 })).toHaveText('페이지를 찾을 수 없습니다');
  expect((await request.get(`${SUB}missing-0123456789abcdef.js`)).status()).toBe(404);
  await fresh.close();
  // The host's root sends people to the service; nothing was asked for outside /vaccine/.
  await page.goto(origin + '/');
  await expect(page).toHaveURL(SUB);
  expect(outside).toEqual(['/']);
  expect(consoleErrors).toEqual([]);
});
