import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

// Without the demo's history: the trigger report below counts exactly this file's firings (the history's are
// yesterday's, inside its last day).
const shop = useDemoShop('triggers-pass', {}, { history: false });

/** A shopper with the backpack in the cart, on the cart page, the widget connected. */
async function shopperOnCartPage(): Promise<Page> {
  const page = await (await shop.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`${shop.server.url}/shop/products/motxilla-de-lona`);
  await page.locator('button[data-add-to-cart]').click();
  await page.goto(`${shop.server.url}/shop/cart`);
  await page.locator('[data-cart-lines] tr').waitFor();
  await page.locator('button[data-part="launcher"]').waitFor();
  return page;
}

/** The pointer heads for the tabs or the close button: it leaves the page through the top edge. */
async function leaveThroughTheTop(page: Page): Promise<void> {
  await page.mouse.move(640, 300);
  await page.mouse.move(640, -5, { steps: 5 });
}

const CART_EXIT = 'Abans de marxar: et podem ajudar a acabar la comanda?';

describe('proactive triggers in the demo shop', () => {
  it('shows the exit-intent teaser once, not again on the next page', async () => {
    await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const shopper = await shopperOnCartPage();
    const teaser = shopper.locator('[data-part="teaser"]');
    expect(await teaser.count()).toBe(0);

    // The rule waits for the cart to be known, then the pointer leaves.
    await expect
      .poll(async () => {
        await leaveThroughTheTop(shopper);
        return teaser.count();
      })
      .toBe(1);
    expect(await shopper.locator('[data-part="teaser-open"]').textContent()).toContain(CART_EXIT);
    await shopper.screenshot({ path: artifactPath('widget-teaser.png') });

    // Once per session: on the next page the rule qualifies again but its cap holds it back. The widget
    // reports that to the server; the report, not a wait, proves the teaser had its chance and did not show.
    const site = shop.server.app.services.sites.demoSite()!;
    const rule = shop.server.app.services.triggers.list(site.id).find((r) => r.action.message === CART_EXIT)!;
    const heldBack = async () =>
      (await shop.server.app.services.triggers.report(site.id, 1)).rows.find((r) => r.ruleId === rule.id)?.heldBack ?? 0;
    const before = await heldBack();
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').waitFor();
    await expect
      .poll(async () => {
        await leaveThroughTheTop(shopper);
        return heldBack();
      })
      .toBeGreaterThan(before);
    expect(await teaser.count()).toBe(0);
  });

  it('turns a reply to the teaser into a conversation the console shows as started by the trigger', async () => {
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const shopper = await shopperOnCartPage();
    await expect
      .poll(async () => {
        await leaveThroughTheTop(shopper);
        return shopper.locator('[data-part="teaser"]').count();
      })
      .toBe(1);
    await shopper.locator('[data-part="teaser-open"]').click();
    const invitation = shopper.locator('[data-part="message"][data-author="agent"] [data-part="body"]');
    await expect.poll(() => invitation.first().textContent()).toBe(CART_EXIT);

    await shopper.locator('textarea[data-part="composer"]').fill('Sí! Teniu enviament gratuït?');
    await shopper.locator('button[data-part="send"]').click();
    await shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();

    // The console: a chat started by the trigger, opening with the invitation the shopper answered.
    const row = agent
      .locator('[data-part="conversation-row"]')
      .filter({ has: agent.locator('[data-part="origin"][data-origin="trigger"]') });
    await expect.poll(() => row.count()).toBe(1);
    await row.click();
    const pane = agent.locator('[data-part="conversation"]');
    await expect.poll(() => pane.locator('[data-part="origin"]').first().getAttribute('data-origin')).toBe('trigger');
    const bodies = pane.locator('[data-part="message"]:not([data-author="system"]) [data-part="body"]');
    await expect.poll(() => bodies.allTextContents()).toEqual([CART_EXIT, 'Sí! Teniu enviament gratuït?']);
    await agent.screenshot({ path: artifactPath('console-trigger-chat.png') });

    // The server recorded the firing and what followed it.
    const site = shop.server.app.services.sites.demoSite()!;
    const rule = shop.server.app.services.triggers.list(site.id).find((r) => r.action.message === CART_EXIT)!;
    const reported = (await shop.server.app.services.triggers.report(site.id, 1)).rows.find((r) => r.ruleId === rule.id);
    expect(reported).toMatchObject({ fired: 2, opened: 1, replied: 1 });
  });
});
