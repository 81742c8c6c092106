import { describe, expect, it } from 'vitest';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

const shop = useDemoShop('browser-test-pass');

describe('the shopkeeper sees what the shopper holds and where they look', () => {
  it('shows the live visitor, the trail, the cart and the unsent draft, and lets the agent speak first', async () => {
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);

    // The shopper looks at two products and puts the second in the cart: the demo
    // shop's own code pushes GA4 events to dataLayer, nothing Mostrador-specific.
    await agent.locator('[data-part="nav-visitors"]').click();
    const row = agent.locator('[data-part="visitor-row"]');
    const shopper = await (await shop.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await shopper.goto(`${shop.server.url}/shop/products/dessuadora-mostrador`);
    // A page counts once the widget on it has reported it (it looks at the hoodie for a moment).
    await expect.poll(() => row.textContent()).toContain('Dessuadora Mostrador');
    await shopper.goto(`${shop.server.url}/shop/products/motxilla-de-lona`);
    await shopper.locator('button[data-add-to-cart]').click();
    await shopper.locator('[data-added]').waitFor();

    // Live visitors: the shopper is listed on the backpack's page with its cart.
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.textContent()).toContain('Motxilla de lona');
    await expect.poll(() => row.locator('[data-part="cart-value"]').textContent()).toContain('119');
    await agent.screenshot({ path: artifactPath('console-live-visitors.png') });

    // A proactive chat: the widget opens by itself with the agent's words.
    await row.locator('[data-part="start-chat"]').click();
    await agent.locator('[role="dialog"] textarea').fill('Hola! La motxilla és impermeable. Et puc ajudar?');
    await agent.locator('[role="dialog"] button[type="submit"]').click();
    const invitation = shopper.locator('[data-part="message"][data-author="agent"] [data-part="body"]');
    await expect.poll(() => invitation.first().textContent()).toBe('Hola! La motxilla és impermeable. Et puc ajudar?');
    expect(await shopper.locator('[data-part="panel"]').isVisible()).toBe(true);

    // The side panel: current page, trail newest first with prices, the cart and its history.
    const pane = agent.locator('[data-part="conversation"]');
    const panel = pane.locator('[data-part="visitor-panel"][data-phase="ready"]');
    await panel.waitFor();
    await expect.poll(() => panel.locator('[data-part="current-page"]').textContent()).toContain('Motxilla de lona');
    const trail = panel.locator('[data-part="trail-product"]');
    await expect
      .poll(() => trail.allTextContents())
      .toEqual([expect.stringMatching(/^Motxilla de lona · €119\.00$/), expect.stringMatching(/^Dessuadora Mostrador · €42\.00$/)]);
    await expect.poll(() => panel.locator('[data-part="cart-item"]').count()).toBe(1);
    expect(await panel.locator('[data-part="cart-item"]').textContent()).toContain('Motxilla de lona');
    expect(await panel.locator('[data-part="cart-total"]').textContent()).toBe('€119.00');
    expect(await panel.locator('[data-part="cart-change"]').first().getAttribute('data-change')).toBe('added');

    // The shopper types without sending: the agent reads the draft live, card number masked.
    await shopper.locator('textarea[data-part="composer"]').fill('Sí, però la meva targeta és 4111 1111 1111 1111 i');
    const draft = pane.locator('[data-part="draft-body"]');
    await expect.poll(() => draft.textContent()).toBe('Sí, però la meva targeta és •••• •••• •••• 1111 i');
    await agent.screenshot({ path: artifactPath('console-shop-context.png') });

    // Emptying the field clears the draft on the agent's screen.
    await shopper.locator('textarea[data-part="composer"]').fill('');
    await expect.poll(() => draft.count()).toBe(0);

    // Going to the cart moves the visitor on the agent's screen, without a reload.
    await shopper.goto(`${shop.server.url}/shop/cart`);
    await expect.poll(() => panel.locator('[data-part="current-page"]').textContent()).toContain('Cistella');
  });
});
