import { describe, expect, it } from 'vitest';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

const shop = useDemoShop('browser-test-pass');

describe('the chat follows the shopper', () => {
  it('keeps the panel open with the draft across a page change and in a second tab, and counts an agent message once in both', async () => {
    const context = await shop.browser.newContext({ viewport: { width: 1024, height: 760 } });
    const first = await context.newPage();
    await first.goto(`${shop.server.url}/shop/`);
    await first.locator('button[data-part="launcher"]').click();
    await first.locator('textarea[data-part="composer"]').fill('Hola!');
    await first.locator('button[data-part="send"]').click();
    await first.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();
    await first.locator('textarea[data-part="composer"]').fill('I una altra cosa');

    // A page change: the panel is open on arrival, with the conversation and the unsent draft.
    await first.goto(`${shop.server.url}/shop/cart`);
    await first.locator('[data-part="panel"]').waitFor();
    expect(await first.locator('textarea[data-part="composer"]').inputValue()).toBe('I una altra cosa');
    await first.locator('[data-part="message"][data-author="visitor"]').waitFor();

    // A second tab of the same shop: the same panel, open, with the same draft; typing in one shows in the other.
    const second = await context.newPage();
    await second.goto(`${shop.server.url}/shop/`);
    await second.locator('[data-part="panel"]').waitFor();
    expect(await second.locator('textarea[data-part="composer"]').inputValue()).toBe('I una altra cosa');
    await second.locator('textarea[data-part="composer"]').fill('I una altra cosa: la talla');
    await expect.poll(() => first.locator('textarea[data-part="composer"]').inputValue()).toBe('I una altra cosa: la talla');

    // Closed in one tab, closed in both.
    await second.locator('button[data-part="minimize"]').click();
    await first.locator('[data-part="panel"]').waitFor({ state: 'detached' });

    // The agent answers while it is closed: one unread message in each tab, not one per tab.
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    await agent.locator('[data-part="conversation-row"]').first().click();
    await agent.locator('textarea[name="reply"]').fill('Quina talla busques?');
    await agent.locator('button[data-part="send"]').click();
    for (const page of [first, second]) {
      await expect.poll(() => page.locator('[data-part="unread"]').textContent()).toBe('1');
    }
    // Opening in one tab reads it in both.
    await first.locator('button[data-part="launcher"]').click();
    for (const page of [first, second]) {
      await page.locator('[data-part="panel"]').waitFor();
      expect(await page.locator('[data-part="unread"]').count()).toBe(0);
    }
    await expect
      .poll(() => second.locator('[data-part="message"][data-author="agent"] [data-part="body"]').textContent())
      .toBe('Quina talla busques?');
    await context.close();
  });
});
