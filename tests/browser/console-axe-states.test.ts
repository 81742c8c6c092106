import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

const shop = useDemoShop('browser-test-pass');

const ADMIN_TABS = ['agents', 'departments', 'triggers', 'canned', 'tags', 'site', 'branding', 'hours', 'privacy', 'mailbox'];

/** Until no page or account section still says "loading": axe then sees what the agent will read. */
async function loaded(agent: Page): Promise<void> {
  await expect.poll(() => agent.locator('.admin-note[role="status"]').count()).toBe(0);
}

/** An agent's console in `language`, chosen before the first load, so the login page is in it too. */
async function consoleIn(language: string): Promise<Page> {
  const context = await shop.browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((lang) => localStorage.setItem('mostrador.console.language', lang), language);
  const page = await context.newPage();
  await page.goto(`${shop.server.url}/console/`);
  return page;
}

/**
 * The console's states the inbox and admin test (console-axe.test.ts) does
 * not reach: the login page, every inbox view, the visitor panel, the
 * canned-reply picker, live visitors with the start-chat dialog, search
 * results, every admin tab, the triggers editor with a rule open, and the
 * account page.
 */
describe('axe finds nothing in any state of the console', () => {
  beforeAll(async () => {
    // Two shoppers chatting, and one who only browses (a visitor the agent can invite).
    await shopperSays(shop.browser, `${shop.server.url}/shop/`, 'Hola! Teniu motxilles?');
    await shopperSays(shop.browser, `${shop.server.url}/shop/cart`, 'On és la meva comanda?');
    const browsing = await (await shop.browser.newContext({ viewport: { width: 1024, height: 760 } })).newPage();
    await browsing.goto(`${shop.server.url}/shop/products/motxilla-de-lona`);
    await browsing.locator('button[data-part="launcher"]').waitFor();
    // The agent signed in elsewhere too: the account page lists a session to end.
    await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
  }, 60_000);

  it.each(['ca', 'es', 'en'])(
    'in %s',
    async (language) => {
      const agent = await consoleIn(language);
      await agent.locator('input[name="email"]').waitFor();
      expect(await agent.evaluate(() => document.documentElement.lang)).toBe(language);
      expect.soft(await axeViolations(agent), 'login page').toEqual([]);
      await agent.locator('input[name="email"]').fill(shop.email);
      await agent.locator('input[name="password"]').fill(shop.password);
      await agent.locator('button[type="submit"]').click();
      await agent.locator('button[data-part="tab"][data-view="mine"]').waitFor();

      for (const view of ['queue', 'tickets', 'all', 'closed', 'mine']) {
        await agent.locator(`button[data-part="tab"][data-view="${view}"]`).click();
        await agent.locator(`button[data-part="tab"][data-view="${view}"][aria-selected="true"]`).waitFor();
        expect.soft(await axeViolations(agent), `inbox, ${view}`).toEqual([]);
      }

      // A conversation with the visitor panel open, then the canned-reply picker under the composer.
      await agent.locator('button[data-part="tab"][data-view="all"]').click();
      await agent.locator('[data-part="conversation-row"]').first().click();
      const pane = agent.locator('[data-part="conversation"]').first();
      await pane.locator('[data-part="message"][data-author="visitor"]').first().waitFor();
      // Open by default on a wide screen; opened here otherwise.
      const details = pane.locator('button[data-part="toggle-details"]');
      if ((await details.getAttribute('aria-expanded')) !== 'true') await details.click();
      await agent.locator('[data-part="visitor-panel"][data-phase="ready"]').waitFor();
      expect.soft(await axeViolations(agent), 'visitor panel open').toEqual([]);
      await pane.locator('textarea[name="reply"]').fill('/');
      await pane.locator('[data-part="canned-picker"]').waitFor();
      expect.soft(await axeViolations(agent), 'canned-reply picker open').toEqual([]);
      await pane.locator('textarea[name="reply"]').fill('/zzzz');
      await pane.locator('.canned-picker.empty').waitFor();
      expect.soft(await axeViolations(agent), 'canned-reply picker, nothing found').toEqual([]);
      await pane.locator('textarea[name="reply"]').fill('');

      // Live visitors, and the dialog that invites one to chat.
      await agent.locator('button[data-part="nav-visitors"]').click();
      await agent.locator('[data-part="visitor-row"]').first().waitFor();
      expect.soft(await axeViolations(agent), 'live visitors').toEqual([]);
      await agent.locator('button[data-part="start-chat"]').first().click();
      await agent.locator('dialog[open], [role="dialog"]').first().waitFor();
      expect.soft(await axeViolations(agent), 'start-chat dialog').toEqual([]);
      await agent.keyboard.press('Escape');

      // Search, with results.
      await agent.locator('button[data-part="nav-search"]').click();
      await agent.locator('input[name="q"]').fill('Hola');
      await agent.locator('input[name="q"]').press('Enter');
      await agent.locator('[data-part="search-results"]').waitFor();
      expect.soft(await axeViolations(agent), 'search results').toEqual([]);

      // Every admin tab; the triggers tab also with a rule open in the editor.
      await agent.locator('button[data-part="nav-admin"]').click();
      for (const tab of ADMIN_TABS) {
        await agent.locator(`button[data-admin-tab="${tab}"]`).click();
        await agent.locator(`button[data-admin-tab="${tab}"][aria-selected="true"]`).waitFor();
        await loaded(agent);
        expect.soft(await axeViolations(agent), `admin ${tab}`).toEqual([]);
      }
      await agent.locator('button[data-admin-tab="triggers"]').click();
      await agent.locator('button[data-part="edit-trigger"]').first().click();
      await agent.locator('[data-part="trigger-editor"]').waitFor();
      expect.soft(await axeViolations(agent), 'triggers editor, a rule open').toEqual([]);
      await agent.locator('button[data-part="cancel-editor"]').click();
      await agent.locator('button[data-part="new-trigger"]').click();
      await agent.locator('[data-part="trigger-editor"]').waitFor();
      expect.soft(await axeViolations(agent), 'triggers editor, a new rule').toEqual([]);

      await agent.locator('button[data-part="nav-account"]:visible').click();
      await agent.locator('[data-part="account-password"]').waitFor();
      await loaded(agent);
      await agent.locator('[data-part="session"][data-current="false"]').first().waitFor();
      expect.soft(await axeViolations(agent), 'account, with another session to end').toEqual([]);
      await agent.context().close();
    },
    90_000,
  );
});
