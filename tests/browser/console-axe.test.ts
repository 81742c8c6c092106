import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

const shop = useDemoShop('browser-test-pass');

describe.each(['ca', 'es', 'en'])('axe finds nothing in the console, in %s', (language) => {
  it('inbox with three conversations open side by side, and every admin page', async () => {
    for (let i = 0; i < 3; i += 1) await shopperSays(shop.browser, `${shop.server.url}/shop/`, `Hola ${i}!`);
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    await agent.evaluate((lang) => localStorage.setItem('mostrador.console.language', lang), language);
    await agent.reload();
    await agent.locator('button[data-part="tab"][data-view="mine"]').waitFor();
    expect(await agent.evaluate(() => document.documentElement.lang)).toBe(language);
    expect(await axeViolations(agent), 'inbox').toEqual([]);
    const rows = agent.locator('[data-part="conversation-row"]');
    for (let i = 0; i < 3; i += 1) await rows.nth(i).click();
    await expect.poll(() => agent.locator('[data-part="conversation"]').count()).toBe(3);
    expect(await axeViolations(agent), 'three conversations').toEqual([]);

    await agent.locator('button[data-part="nav-admin"]').click();
    for (const tab of ['agents', 'departments', 'triggers', 'site', 'branding']) {
      await agent.locator(`button[data-admin-tab="${tab}"]`).click();
      await agent
        .locator(`button[data-admin-tab="${tab}"][aria-selected="true"], button[data-admin-tab="${tab}"][aria-current]`)
        .first()
        .waitFor();
      expect(await axeViolations(agent), `admin ${tab}`).toEqual([]);
    }
    await agent.context().close();
  }, 90_000);
});
