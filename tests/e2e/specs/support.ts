// Shared fixtures: every test fails on a console error or a Content-Security-Policy violation it
// did not expect, and can run axe and save a screenshot of what the citizen sees.
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as path from 'node:path';

/** The rule sets the accessibility review holds us to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

type Fixtures = {
  /** Console errors and uncaught exceptions seen so far; a test that expects some clears them. */
  consoleErrors: string[];
  /**
   * Content-Security-Policy violations in any page of the test's browser context, as
   * `directive blocked what at where`; every test fails on one it did not clear.
   */
  cspViolations: string[];
};

export const test = base.extend<Fixtures>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await use(errors);
    expect(errors, 'no console errors').toEqual([]);
  },
  cspViolations: [
    async ({ context }, use) => {
      const seen: string[] = [];
      await context.exposeBinding('__yyCspViolation', (_source, text: string) => {
        seen.push(text);
      });
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          const report = (window as unknown as { __yyCspViolation: (t: string) => void }).__yyCspViolation;
          report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      await use(seen);
      expect(seen, 'no Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * The console errors that are the app's own, clearing the list: the browser's own line for a
 * refused or failed request (a 423, an injected fault) is expected where a test causes one.
 */
export function appErrors(errors: string[]): string[] {
  const own = errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e));
  errors.length = 0;
  return own;
}

/** Runs axe with the review's rule sets and fails with the violations listed. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // Every page has a level-one heading; a page still arriving (a reload waiting for its chunk)
  // is checked once it has come, not in between.
  await expect(page.locator('h1:visible').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, 'axe violations').toEqual([]);
}

/** Saves a full-page screenshot under the build output, named by viewport project and state. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = process.env.YEYAK_SCREENSHOT_DIR ?? path.join(testInfo.outputDir, 'screenshots');
  await page.screenshot({ path: path.join(dir, `${testInfo.project.name}-${name}.png`), fullPage: true });
}

/** Serves config.json with the given body and status instead of the real file. */
export async function overrideConfig(page: Page, status: number, body: string): Promise<void> {
  await page.route('**/config.json', (route) =>
    route.fulfill({ status, contentType: 'application/json', body }),
  );
}

/** The shipped config with test hooks on (enables the /__panic route). */
export async function enableTestHooks(page: Page): Promise<void> {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const config = await response.json();
    await route.fulfill({ response, json: { ...config, test_hooks: true } });
  });
}
