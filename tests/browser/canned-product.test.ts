import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

const shop = useDemoShop('browser-test-pass');

describe('a canned reply with a product card', () => {
  it('the demo’s /motxilla, reached with the arrows, attaches the backpack’s card, and the shopper gets it', async () => {
    // The shopper never opened the backpack's page: its card comes from the catalogue the demo seed stocked.
    const shopper = await shopperSays(shop.browser, `${shop.server.url}/shop/`, 'Teniu motxilles per al portàtil?');
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    await agent.locator('button[data-part="tab"][data-view="all"]').click();
    await agent.locator('[data-part="conversation-row"]', { hasText: 'Teniu motxilles' }).click();
    const pane = agent.locator('[data-part="conversation"]', { hasText: 'Teniu motxilles' });
    const box = pane.locator('textarea[name="reply"]');

    // Five replies: the last is below the list's fold until the arrows reach it, and then it is scrolled into view.
    await box.fill('/');
    const picker = pane.locator('[data-part="canned-picker"]');
    const last = picker.locator('[role="option"]').last();
    expect(await last.textContent()).toContain('/motxilla');
    const inView = async () => {
      const [list, option] = await Promise.all([picker.boundingBox(), last.boundingBox()]);
      return !!list && !!option && option.y >= list.y && option.y + option.height <= list.y + list.height + 1;
    };
    for (let i = 0; i < 4; i++) await box.press('ArrowDown');
    expect(await last.getAttribute('aria-selected')).toBe('true');
    expect(await inView()).toBe(true);
    expect(await last.locator('[data-part="canned-product"]').textContent()).toBe('with a product');
    await box.press('Enter');
    const chip = pane.locator('[data-part="pending-product"]');
    expect(await chip.textContent()).toContain('Motxilla de lona');
    expect(await axeViolations(agent), 'console, a reply’s product card waiting').toEqual([]);

    await box.press('Enter');
    await pane.locator('[data-part="message"][data-author="agent"] [data-part="product-card"]').waitFor();
    expect(await chip.count()).toBe(0);
    const card = shopper.locator('[data-part="message"][data-author="agent"] [data-part="product-card"]');
    await card.waitFor();
    expect(await card.locator('.product-name').textContent()).toBe('Motxilla de lona');
    expect(await card.locator('[data-part="product-open"]').getAttribute('href')).toBe(`${shop.server.url}/shop/products/motxilla-de-lona`);

    // The admin's form shows the reply's product.
    await agent.locator('button[data-part="nav-admin"]:visible').click();
    await agent.locator('button[data-admin-tab="canned"]').click();
    await agent.locator('[data-canned-id] button', { hasText: /./ }).first().waitFor();
    await agent.getByRole('button', { name: 'Edit /motxilla' }).click();
    expect(await agent.locator('[data-part="canned-product-chosen"]').first().textContent()).toContain('Motxilla de lona');
    expect(await axeViolations(agent), 'admin, a reply with a product').toEqual([]);

    await shopper.context().close();
    await agent.context().close();
  }, 90_000);
});
