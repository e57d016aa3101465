// Deploys on a live server, with the offline shell's worker in the browser: build A is loaded,
// build B (another stylesheet, another wasm) is deployed, a reload runs B, never a mix of the
// two; a rollback to A works the same. `cargo xtask test` serves YEYAK_DEPLOY_DIR/live at
// YEYAK_DEPLOY_URL and leaves builds A and B beside it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support';

const url = process.env.YEYAK_DEPLOY_URL;
const dir = process.env.YEYAK_DEPLOY_DIR ?? '';
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|css|wasm)$/;

test.use({ baseURL: url, serviceWorkers: 'allow' });
test.describe.configure({ mode: 'serial' });

/** The hashed files of one build. */
function filesOf(build: string): Set<string> {
  return new Set(fs.readdirSync(path.join(dir, build)).filter((n) => HASHED.test(n)));
}

/** Puts one build's files in the served folder, as a deploy would (page last). */
function deploy(build: string): void {
  const live = path.join(dir, 'live');
  const from = path.join(dir, build);
  const names = fs.readdirSync(from).sort((a, b) => Number(a.startsWith('index.html')) - Number(b.startsWith('index.html')));
  for (const name of names) fs.copyFileSync(path.join(from, name), path.join(live, name));
  const kept = new Set(names);
  for (const name of fs.readdirSync(live)) if (!kept.has(name)) fs.rmSync(path.join(live, name));
}

/** Every hashed file the page asked for from now on (from the network or the worker). */
function recordFiles(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (HASHED.test(name)) seen.push(name);
  });
  return seen;
}

async function buildMarker(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--yy-build').trim());
}

/** Deploys `build`, reloads, waits for its marker; returns the hashed files that load asked for. */
async function deployAndReload(page: Page, build: string, marker: string): Promise<string[]> {
  deploy(build);
  page.removeAllListeners('request');
  const files = recordFiles(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => buildMarker(page)).toBe(marker);
  return [...files];
}

test('a new build takes over on reload with none of the old files, and a rollback does the same', async ({ page }, testInfo) => {
  test.skip(!url || testInfo.project.name !== 'mobile', 'needs the deploy server; one size is enough');
  test.setTimeout(120_000);
  const a = filesOf('a');
  const b = filesOf('b');
  expect([...b].filter((n) => a.has(n) && n.startsWith('app-')), 'B has its own stylesheet').toEqual([]);
  expect([...b].filter((n) => a.has(n) && n.endsWith('_bg.wasm')), 'B has its own wasm').toEqual([]);
  deploy('a');

  const loads: { build: string; files: string[] }[] = [];
  const files = recordFiles(page);
  await page.goto('/verify');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 });
  expect(await buildMarker(page)).toBe('');
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
  loads.push({ build: 'a', files: [...files] });

  loads.push({ build: 'b', files: await deployAndReload(page, 'b', '"B"') });
  // The app answers in B.
  await page.getByRole('radio').first().check();

  loads.push({ build: 'a', files: await deployAndReload(page, 'a', '') });

  for (const load of loads) {
    const own = load.build === 'a' ? a : b;
    expect(load.files.length, `load of ${load.build} asked for its files`).toBeGreaterThan(2);
    expect(load.files.filter((n) => !own.has(n)), `load of ${load.build} used only its own files`).toEqual([]);
  }
  expect(loads[1].files.some((n) => n.endsWith('_bg.wasm') && b.has(n) && !a.has(n)), 'B ran its own wasm').toBe(true);
});
