// The offline shell (web/sw.js): a phone that has loaded the app and holds a place in line
// reloads while the origin answers 503 to everything, or refuses connections. The page still
// shows the service, the helpline, that it keeps trying, and the same place; when the origin
// is back the place resumes by itself. A loopback proxy plays the failing origin, in front of
// the suite's server. Exclusive: it pauses the whole queue.
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { test, expect, expectNoAxeViolations, screenshot } from './support';
import { personForToday, setPaused, verifyToQueue } from './journey';

const upstream = new URL(process.env.YEYAK_BASE_URL!);
const PORT = 20_000 + (process.pid % 20_000);
const ORIGIN = `http://127.0.0.1:${PORT}`;

/** The origin as the phone sees it: passing requests through, answering 503, or gone. */
class FailingOrigin {
  mode: 'pass' | '503' = 'pass';
  /** Every request that reached the origin, as `METHOD path -> status`. */
  seen: { method: string; path: string; status: number }[] = [];
  private server?: http.Server;
  private sockets = new Set<Socket>();

  async up(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const path = req.url ?? '/';
      if (this.mode === '503') {
        this.seen.push({ method: req.method ?? '', path, status: 503 });
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('Service Unavailable');
        return;
      }
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, path, method: req.method, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          this.seen.push({ method: req.method ?? '', path, status: answer.statusCode ?? 0 });
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(PORT, '127.0.0.1', resolve));
  }

  /** Connections refused: the listener closed and every open connection dropped. */
  async down(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.server = undefined;
  }
}

const origin = new FailingOrigin();
test.use({ baseURL: ORIGIN, serviceWorkers: 'allow' });
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await origin.up();
});
test.afterAll(async () => {
  await origin.down();
});
test.afterEach(async ({ request }) => {
  origin.mode = 'pass';
  await setPaused(request, false);
});

/** Every queue join the page sends from now on. */
function queueJoins(page: import('@playwright/test').Page): string[] {
  const joins: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/queue/tickets')) joins.push(r.url());
  });
  return joins;
}

/** Joins the paused queue through the proxy and waits until the worker controls the page. */
async function holdPlace(page: import('@playwright/test').Page, request: import('@playwright/test').APIRequestContext) {
  const person = await personForToday(request);
  await setPaused(request, true);
  await verifyToQueue(page, person);
  await expect(page.locator('.yy-queue__ahead')).toBeVisible({ timeout: 15_000 });
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
  await page.waitForFunction(() => sessionStorage.getItem('yy-queue-seen') !== null);
  const ticket = await page.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).ticket as string);
  const ahead = (await page.locator('.yy-queue__ahead').textContent())!;
  return { ticket, ahead };
}

/** What the reloaded page must show during the outage; returns the ms it took. */
async function reloadDuringOutage(page: import('@playwright/test').Page, ahead: string): Promise<number> {
  const started = Date.now();
  await page.reload({ waitUntil: 'commit' });
  const busy = page.getByRole('status').filter({ hasText: '지금은 접속이 많아 서비스가 응답하지 않습니다' });
  await expect(busy).toBeVisible({ timeout: 5_000 });
  await expect(busy).toContainText('자동으로 계속 연결을 시도합니다');
  await expect(page.getByRole('heading', { level: 1, name: '접속 대기 중입니다' })).toBeVisible({ timeout: 5_000 });
  await expect(page.locator('.yy-queue__ahead')).toHaveText(ahead, { timeout: 5_000 });
  const shown = Date.now() - started;
  await expect(page.locator('.yy-header__service')).toHaveText('코로나19 백신 사전예약');
  await expect(page.locator('.yy-footer a[href="tel:1339"]')).toBeVisible();
  return shown;
}

test('a reload while the origin answers 503 shows the service and the same place, which resumes by itself', async ({ page, request, consoleErrors }, testInfo) => {
  test.skip(testInfo.project.name !== 'mobile-exclusive', 'one phone size is enough');
  test.setTimeout(120_000);
  const joins = queueJoins(page);
  const { ticket, ahead } = await holdPlace(page, request);

  origin.seen = [];
  origin.mode = '503';
  const shown = await reloadDuringOutage(page, ahead);
  testInfo.annotations.push({ type: 'shown after reload (ms)', description: String(shown) });
  console.log(`offline shell (503): place shown ${shown} ms after the reload`);
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'offline-shell-503');
  // Nothing of the app came from the origin: it only saw the page, the worker's update
  // check, the config and the API, all answered 503.
  const appFiles = origin.seen.filter((r) => /-[0-9a-f]{16}(_bg)?\.(js|css|wasm)/.test(r.path));
  expect(appFiles, 'no app file asked of the origin').toEqual([]);
  expect(origin.seen.every((r) => r.status === 503)).toBe(true);

  // The origin is back: the same place goes on, with no action and no new ticket.
  origin.mode = 'pass';
  const busy = page.getByRole('status').filter({ hasText: '지금은 접속이 많아' });
  await expect(busy).toBeHidden({ timeout: 45_000 });
  await expect.poll(() => origin.seen.some((r) => r.path.startsWith('/api/v1/queue/progress') && r.status === 200), { timeout: 45_000 }).toBe(true);
  await expect(page.locator('.yy-queue__connection')).toBeHidden({ timeout: 45_000 });
  expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).ticket)).toBe(ticket);
  expect(joins, 'one ticket, joined once').toHaveLength(1);
  await setPaused(request, false);
  await expect(page.getByRole('heading', { level: 1, name: '접종 기관과 날짜 선택' })).toBeVisible({ timeout: 30_000 });
  consoleErrors.length = 0;
});

test('a reload while the origin refuses connections shows the same, and carries on when it is back', async ({ page, request, consoleErrors }, testInfo) => {
  test.skip(testInfo.project.name !== 'mobile-exclusive', 'one phone size is enough');
  test.setTimeout(120_000);
  const joins = queueJoins(page);
  const { ticket, ahead } = await holdPlace(page, request);

  await origin.down();
  const shown = await reloadDuringOutage(page, ahead);
  console.log(`offline shell (refused): place shown ${shown} ms after the reload`);
  await screenshot(page, testInfo, 'offline-shell-refused');

  origin.seen = [];
  await origin.up();
  await expect(page.getByRole('status').filter({ hasText: '지금은 접속이 많아' })).toBeHidden({ timeout: 45_000 });
  await expect.poll(() => origin.seen.some((r) => r.path.startsWith('/api/v1/queue/progress') && r.status === 200), { timeout: 45_000 }).toBe(true);
  expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('yy-journey')!).ticket)).toBe(ticket);
  expect(joins, 'one ticket, joined once').toHaveLength(1);
  consoleErrors.length = 0;
});
