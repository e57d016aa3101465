// The page-level checks of the accessibility review, shared by its tests.
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations } from './support';

/** Controls smaller than 24x24 px (WCAG 2.5.8), leaving out links inside running text. */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('a[href], button, input:not([type=hidden]), select, textarea')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') continue;
      if (box.width < 24 || box.height < 24) {
        bad.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim()}" ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
    return bad;
  });
}

/** Korean text on the page that is not inside an element marked lang="ko". */
export async function koreanOutsideKo(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(text)) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, noscript')) continue;
      if (parent.closest('[lang]')?.getAttribute('lang') === 'ko') continue;
      bad.push(text.trim());
    }
    return bad;
  });
}

/** How far the page scrolls sideways (0 when it reflows). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * The current page state audited in the other modes: English (no untranslated text), then
 * high contrast, then forced colours; and back to Korean, normal colours, so the test goes on.
 */
export async function auditInEveryMode(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await koreanOutsideKo(page), 'no untranslated text').toEqual([]);
  await expectNoAxeViolations(page);
  const contrast = page.getByRole('button', { name: 'High contrast' });
  await contrast.click();
  await expect(contrast).toHaveAttribute('aria-pressed', 'true');
  await expectNoAxeViolations(page);
  await page.emulateMedia({ forcedColors: 'active' });
  await expectNoAxeViolations(page);
  await page.emulateMedia({ forcedColors: 'none' });
  await contrast.click();
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
}
