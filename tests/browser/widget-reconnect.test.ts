import { describe, expect, it } from 'vitest';
import { logInAgent, useDemoShop } from './demoShop.ts';

const shop = useDemoShop('browser-test-pass');

const FIRST = 'Hola! Em podeu dir el termini d’entrega?';
const REPLY = 'Dos dies laborables.';
const SECOND = 'I a Andorra també?';

describe('the built widget after a dropped connection', () => {
  it('reconnects by itself and delivers both sides’ messages once, without a reload', async () => {
    const shopperContext = await shop.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopper = await shopperContext.newPage();
    await shopper.goto(`${shop.server.url}/shop/products/dessuadora-mostrador`);
    await shopper.locator('button[data-part="launcher"]').click();
    await shopper.locator('textarea[data-part="composer"]').fill(FIRST);
    await shopper.locator('button[data-part="send"]').click();
    await shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();

    const agentContext = await shop.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const agent = await agentContext.newPage();
    await logInAgent(shop, agent);
    await agent.locator('[data-part="conversation-row"]').first().click();
    const agentSees = agent.locator(
      '[data-part="conversation"] [data-part="message"][data-seq]:not([data-author="system"]) [data-part="body"]',
    );
    await expect.poll(() => agentSees.allTextContents()).toEqual([FIRST]);

    // The shopper's network goes down (Chromium then fails every new WebSocket with
    // ERR_INTERNET_DISCONNECTED), and the server closes the visitor's transport.
    await shopper.evaluate(() => Object.assign(window, { samePage: true }));
    await shopperContext.setOffline(true);
    shop.server.app.realtime.visitors.disconnectSockets(true);
    await shopper.locator('[data-part="connection"]').waitFor();

    // While it is down, the agent answers and the shopper writes again.
    await agent.locator('textarea[name="reply"]').fill(REPLY);
    await agent.locator('button[data-part="send"]').click();
    await expect.poll(() => agentSees.allTextContents()).toEqual([FIRST, REPLY]);
    await shopper.locator('textarea[data-part="composer"]').fill(SECOND);
    await shopper.locator('button[data-part="send"]').click();
    await shopper.locator('[data-part="message"][data-author="visitor"][data-status="sending"]').waitFor();
    const shopperSees = shopper.locator('[data-part="message"]:not([data-author="system"]) [data-part="body"]');
    expect(await shopperSees.allTextContents()).toEqual([FIRST, SECOND]);

    // Back online: the widget reconnects on its own, with no reload, by its next
    // try (Socket.IO's backoff waits at most 5 s), well within the test's time.
    await shopperContext.setOffline(false);
    await shopper.locator('[data-part="connection"]').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => shopperSees.allTextContents()).toEqual([FIRST, REPLY, SECOND]);
    await expect.poll(() => agentSees.allTextContents()).toEqual([FIRST, REPLY, SECOND]);
    const mine = shopper.locator('[data-part="message"][data-author="visitor"]');
    await expect.poll(() => mine.evaluateAll((items) => items.map((item) => item.getAttribute('data-status')))).toEqual(['sent', 'sent']);
    expect(await shopper.evaluate(() => 'samePage' in window)).toBe(true);
    await agentContext.close();
    await shopperContext.close();
  });
});
