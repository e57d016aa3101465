// End-to-end suite: real Chromium (Debian's), the real server started by `cargo xtask test`,
// which passes its address in YEYAK_BASE_URL.
import { defineConfig } from '@playwright/test';

const baseURL = process.env.YEYAK_BASE_URL;
if (!baseURL) {
  throw new Error('YEYAK_BASE_URL is not set: run the suite through `cargo xtask test`');
}

const mobile = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 800 } };

export default defineConfig({
  testDir: './specs',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Generous: CI has 2 cores, and Chromium compiles an 860 KB wasm on each page load.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  use: {
    baseURL,
    // The offline shell's worker is tested on its own (shell.exclusive.spec.ts); elsewhere it
    // would answer requests that tests route to inject faults.
    serviceWorkers: 'block',
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
  projects: [
    { name: 'mobile', testIgnore: /exclusive\.spec/, use: mobile },
    { name: 'desktop', testIgnore: /exclusive\.spec/, use: desktop },
    // Tests that change the whole server (its clock, a paused queue) run alone, after the rest,
    // one at a time (one worker: two files must not pause and resume the queue under each other).
    { name: 'mobile-exclusive', testMatch: /exclusive\.spec/, dependencies: ['mobile', 'desktop'], use: mobile, workers: 1 },
    { name: 'desktop-exclusive', testMatch: /exclusive\.spec/, dependencies: ['mobile-exclusive'], use: desktop, workers: 1 },
  ],
});
