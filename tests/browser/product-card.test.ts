import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

const shop = useDemoShop('browser-test-pass');
const WIDGET = '#mostrador-widget';

describe('a product card from the agent to the shopper', () => {
  it('the agent picks a product the shopper viewed; the shopper sees its card, opens it, and adds it to the cart', async () => {
    const context = await shop.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopper = await context.newPage();
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    await agent.locator('[data-part="nav-visitors"]').click();
    const row = agent.locator('[data-part="visitor-row"]');

    // The shopper looks at the hoodie, then at the espadrilles, and asks from the shop's front page.
    await shopper.goto(`${shop.server.url}/shop/products/dessuadora-mostrador`);
    // A page counts once the widget on it has reported it; the live list folds its changes about once a second.
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Dessuadora Mostrador');
    await shopper.goto(`${shop.server.url}/shop/products/espardenyes-de-vetes`);
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Espardenyes de vetes');
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').click();
    await shopper.locator('textarea[data-part="composer"]').fill('Teniu la dessuadora en verd?');
    await shopper.locator('button[data-part="send"]').click();

    // The agent opens the chat and picks the hoodie from the keyboard: Product, filter, arrow, Enter.
    await agent.locator('[data-part="nav-inbox"]').click();
    await agent.locator('button[data-part="tab"][data-view="all"]').click();
    await agent.locator('[data-part="conversation-row"]', { hasText: 'Teniu la dessuadora en verd?' }).click();
    const pane = agent.locator('[data-part="conversation"]', { hasText: 'Teniu la dessuadora en verd?' });
    await pane.locator('[data-part="visitor-panel"][data-phase="ready"]').waitFor();
    await pane.locator('button[data-part="product"]').click();
    const options = pane.locator('[data-part="product-option"]');
    await expect.poll(() => options.allTextContents()).toEqual(['Espardenyes de vetes€29.50', 'Dessuadora Mostrador€42.00']);
    expect(await axeViolations(agent), 'console, product picker open').toEqual([]);
    await agent.keyboard.type('dess');
    await agent.keyboard.press('ArrowDown');
    await agent.keyboard.press('Enter');
    expect(await pane.locator('[data-part="pending-product"]').textContent()).toContain('Dessuadora Mostrador');
    // The picked card goes with the words typed next, from the reply box that has the focus again.
    await agent.keyboard.type('Sí, aquesta és verda:');
    await agent.keyboard.press('Enter');
    const sentCard = pane.locator('[data-part="message"][data-author="agent"] [data-part="product-card"]');
    await sentCard.waitFor();
    expect(await sentCard.locator('a').getAttribute('href')).toBe(`${shop.server.url}/shop/products/dessuadora-mostrador`);
    expect(await pane.locator('[data-part="pending-product"]').count()).toBe(0);
    expect(await axeViolations(agent), 'console, a product card sent').toEqual([]);

    // The shopper gets it: picture, name, price in Catalan, Open and Add to cart (the demo shop registered its hook).
    const card = shopper.locator('[data-part="message"][data-author="agent"] [data-part="product-card"]');
    await card.waitFor();
    await expect.poll(() => card.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await card.locator('.product-name').textContent()).toBe('Dessuadora Mostrador');
    expect(await card.locator('.product-price').textContent()).toBe('42,00\u00a0€');
    const open = card.locator('[data-part="product-open"]');
    expect(await open.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await axeViolations(shopper, WIDGET), 'a product card received').toEqual([]);
    await shopper.screenshot({ path: artifactPath('widget-product-card.png') });

    // Open: the product's page, in a new tab.
    const [tab] = await Promise.all([context.waitForEvent('page'), open.click()]);
    await tab.waitForLoadState('domcontentloaded');
    expect(tab.url()).toBe(`${shop.server.url}/shop/products/dessuadora-mostrador`);
    await tab.close();

    // Add to cart: the shop's own cart takes it, and the agent sees it in the visitor's cart.
    await card.locator('[data-part="product-add"]').click();
    await expect.poll(() => card.locator('[role="status"]').textContent()).toBe('Dessuadora Mostrador ja és a la cistella.');
    expect(await shopper.locator('[data-cart-count]').first().textContent()).toBe('1');
    await expect
      .poll(() => pane.locator('[data-part="cart-item"]').allTextContents())
      .toEqual([expect.stringContaining('Dessuadora Mostrador')]);
    expect(await axeViolations(shopper, WIDGET), 'a product card added to the cart').toEqual([]);

    await context.close();
    await agent.context().close();
  }, 90_000);
});
