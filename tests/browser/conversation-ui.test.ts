import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

const shop = useDemoShop('conversation-ui-pass');
const WIDGET = '#mostrador-widget';

/** Whether anything scrolls sideways: the page, or any box in the widget's panel. */
async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth)
      found.push(`page ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    const root = document.querySelector(selector)?.shadowRoot;
    for (const element of Array.from(root?.querySelectorAll<HTMLElement>('*') ?? [])) {
      const style = getComputedStyle(element);
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll' || element.matches('.log, .panel');
      if (scrolls && element.scrollWidth > element.clientWidth + 1) {
        found.push(`${element.className || element.tagName}: ${element.scrollWidth} > ${element.clientWidth}`);
      }
    }
    const panel = root?.querySelector<HTMLElement>('[data-part="panel"]');
    const box = panel?.getBoundingClientRect();
    if (box && (box.left < 0 || box.right > window.innerWidth + 0.5))
      found.push(`panel spans ${box.left}…${box.right} of ${window.innerWidth}`);
    return found;
  }, WIDGET);
}

describe('message times, days and read receipts, both ways', () => {
  it('the agent’s read reaches the widget, the shopper’s reaches the console, both survive a reload, and the widget reflows at 320 px and 200 %', async () => {
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const context = await shop.browser.newContext({ viewport: { width: 1024, height: 760 } });
    const shopper = await context.newPage();
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').click();
    await shopper.locator('textarea[data-part="composer"]').fill('Hola! Teniu la motxilla en blau?');
    await shopper.locator('button[data-part="send"]').click();
    const mine = shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]');
    await mine.waitFor();
    // The demo shop is in Catalan: the day reads "Avui", and the message shows its time.
    await expect.poll(() => shopper.locator('[data-part="day"]').allTextContents()).toEqual(['Avui']);
    expect(await mine.locator('time').textContent()).toMatch(/^\d{2}:\d{2}$/);
    expect(await mine.locator('[data-part="read-receipt"]').count()).toBe(0);

    // The agent opens the chat: the shopper sees it read.
    await agent.locator('[data-part="conversation-row"]').first().click();
    const pane = agent.locator('[data-part="conversation"][data-focused="true"]');
    await pane.locator('[data-part="message"][data-author="visitor"]').waitFor();
    await mine.locator('[data-part="read-receipt"]').waitFor();

    // The agent answers; the widget heads the run with the agent's initials and name, and the open panel marks it seen.
    await pane.locator('textarea[name="reply"]').fill('Sí, en blau i en verd.');
    await pane.locator('button[data-part="send"]').click();
    const reply = shopper.locator('[data-part="message"][data-author="agent"]');
    await reply.waitFor();
    expect(await reply.locator('[data-part="author"]').textContent()).toMatch(/^[A-ZÀ-Ý]{1,2}\S/);
    const seen = pane.locator('[data-part="message"][data-author="agent"] [data-part="seen-receipt"]');
    await seen.waitFor();
    expect(await pane.locator('[data-part="day"]').count()).toBe(1);
    expect(await axeViolations(shopper, WIDGET), 'widget open, with a day, times, an agent’s run and a receipt').toEqual([]);
    await shopper.screenshot({ path: artifactPath('widget-receipts.png') });

    // Reconnect and resync: both marks come back from the server.
    await agent.reload();
    if ((await agent.locator('[data-part="conversation"]').count()) === 0)
      await agent.locator('[data-part="conversation-row"]').first().click();
    await agent.locator('[data-part="conversation"] [data-part="seen-receipt"]').waitFor();
    await shopper.reload();
    await shopper.locator('[data-part="panel"]').waitFor();
    await shopper.locator('[data-part="message"][data-author="visitor"] [data-part="read-receipt"]').waitFor();

    // 320 px wide (a small phone) and 200 % zoom of a 1280×800 window (640×400 CSS pixels): nothing scrolls sideways.
    for (const [width, height, scale] of [
      [320, 640, 1],
      [640, 400, 2],
    ] as const) {
      const narrow = await shop.browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
      await narrow.addCookies(await context.cookies());
      // The shopper's storage is in place before the widget's script runs: set after the first load, it raced
      // the new visitor that load created, whose token could overwrite it.
      const storage = await shopper.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
      await narrow.addInitScript((state) => {
        for (const [key, value] of Object.entries(state)) localStorage.setItem(key, value);
      }, storage);
      const page = await narrow.newPage();
      await page.goto(`${shop.server.url}/shop/`);
      // The open state follows the shopper and is restored during boot, so a click on the launcher could close
      // what was just restored: the shop's own `open` command opens it whatever the state.
      await page.locator('button[data-part="launcher"]').waitFor({ state: 'attached' });
      await page.evaluate(() => (window as unknown as { Mostrador: (command: string) => void }).Mostrador('open'));
      await page.locator('[data-part="message"][data-author="agent"]').waitFor();
      await page
        .locator('textarea[data-part="composer"]')
        .fill('Una paraula-molt-llarga-sense-espais-que-no-hauria-de-fer-lliscar-res-de-costat');
      expect(await sidewaysScroll(page), `${width}×${height} at ${scale * 100} %`).toEqual([]);
      expect(await axeViolations(page, WIDGET), `${width}×${height} at ${scale * 100} %`).toEqual([]);
      await page.screenshot({ path: artifactPath(`widget-${width}px-${scale * 100}.png`) });
      await narrow.close();
    }
    await context.close();
    await agent.context().close();
  }, 90_000);
});
