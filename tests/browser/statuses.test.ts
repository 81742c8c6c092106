import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '@mostrador/server';
import { axeViolations } from './axe.ts';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

// A shopper who closes the tab is gone from the site after this grace, not the default 15 s.
const shop = useDemoShop('statuses-pass', { visitorLeaveGraceMs: 200 });

describe('conversation states and the Tickets view', () => {
  it('lets the agent mark a chat pending, filter by state, find it in Tickets once the shopper leaves, and snooze it by keyboard', async () => {
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const shopper = await shopperSays(
      shop.browser,
      `${shop.server.url}/shop/products/${DEMO_PRODUCTS[0]!.slug}`,
      'Em contestareu per correu?',
    );

    const row = agent.locator('[data-part="conversation-row"]');
    await expect.poll(() => row.count()).toBe(1);
    await row.first().click();
    const pane = agent.locator('[data-part="conversation"]');
    await pane.locator('button[data-part="mark-pending"]').click();
    await expect.poll(() => pane.locator('[data-part="status"]').getAttribute('data-state')).toBe('pending');
    await expect
      .poll(() => pane.locator('[data-event="state"] [data-part="body"]').allTextContents())
      .toEqual([expect.stringMatching(/marked it pending/)]);

    // Filtered by state: the pending chat shows under Pending, not under Snoozed.
    const filter = agent.locator('select[data-part="state-filter"]');
    await filter.selectOption('snoozed');
    await expect.poll(() => row.count()).toBe(0);
    await filter.selectOption('pending');
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.first().locator('[data-part="row-state"]').textContent()).toBe('Pending');
    await filter.selectOption('');

    // The shopper leaves the site: the pending conversation is a ticket, in the Tickets view.
    const tickets = agent.locator('button[data-part="tab"][data-view="tickets"]');
    await tickets.click();
    await expect.poll(() => row.count()).toBe(0);
    await shopper.context().close();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await agent.screenshot({ path: artifactPath('console-tickets.png') });

    // Snooze with the keyboard only: open the dialog, pick "Tomorrow at 09:00", confirm.
    await pane.locator('button[data-part="snooze"]').focus();
    await agent.keyboard.press('Enter');
    const dialog = agent.locator('[data-part="snooze-dialog"]');
    await dialog.waitFor();
    expect(await axeViolations(agent), 'snooze dialog').toEqual([]);
    await agent.keyboard.press('ArrowDown');
    expect(await dialog.locator('input[data-part="snooze-tomorrow"]').isChecked()).toBe(true);
    await agent.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => pane.locator('[data-part="status"]').getAttribute('data-state')).toBe('snoozed');
    expect(await pane.locator('[data-part="status"]').textContent()).toMatch(/^Snoozed until /);
    // Snoozed conversations leave Tickets, and show under Mine's Snoozed filter.
    await expect.poll(() => row.count()).toBe(0);
    await agent.locator('button[data-part="tab"][data-view="mine"]').click();
    await filter.selectOption('snoozed');
    await expect.poll(() => row.count()).toBe(1);
    expect(await axeViolations(agent), 'inbox with states').toEqual([]);
  });
});
