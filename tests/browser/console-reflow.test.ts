import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

const shop = useDemoShop('browser-test-pass');

/** What makes the page scroll sideways: the page itself, and the widest boxes that stick out of the window. */
function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    // A box inside one that scrolls on its own (a wide data table, which WCAG exempts) does not move the page.
    const clipped = (el: HTMLElement) => {
      for (let at = el.parentElement; at; at = at.parentElement) if (getComputedStyle(at).overflowX !== 'visible') return true;
      return false;
    };
    const out = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && el.getClientRects().length > 0 && !clipped(el))
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} → ${Math.round(el.getBoundingClientRect().right)}`);
    return [`page ${document.documentElement.scrollWidth} > ${width}`, ...out.slice(0, 5)];
  });
}

/**
 * WCAG 1.4.10 (reflow): at 320 CSS px, and at 200 % zoom of a 1280×800
 * window (640×400 CSS px), no console page scrolls sideways.
 */
describe('the console reflows at 320 px and at 200 % zoom', () => {
  it.each([
    { width: 320, height: 640, scale: 1 },
    { width: 640, height: 400, scale: 2 },
  ])(
    '$width×$height at $scale×',
    async ({ width, height }) => {
      await shopperSays(shop.browser, `${shop.server.url}/shop/`, `Hola, a ${width} px!`);
      const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password, width);
      await agent.setViewportSize({ width, height });
      const found: Record<string, string[]> = {};
      const check = async (state: string) => {
        const scroll = await sidewaysScroll(agent);
        if (scroll.length > 0) found[state] = scroll;
      };
      await check('inbox');
      await agent.locator('[data-part="conversation-row"]', { hasText: `a ${width} px` }).click();
      await agent.locator('[data-part="conversation"] [data-part="message"]').first().waitFor();
      await check('conversation');
      for (const view of ['visitors', 'search', 'account']) {
        await agent.locator(`button[data-part="nav-${view}"]:visible`).click();
        await check(view);
      }
      await agent.locator('button[data-part="nav-admin"]:visible').click();
      for (const tab of ['agents', 'departments', 'triggers', 'canned', 'tags', 'site', 'branding', 'hours', 'privacy', 'mailbox']) {
        await agent.locator(`button[data-admin-tab="${tab}"]`).click();
        await expect.poll(() => agent.locator('.admin-note[role="status"]').count()).toBe(0);
        await check(`admin ${tab}`);
      }
      expect(found).toEqual({});
      await agent.context().close();
    },
    60_000,
  );
});
