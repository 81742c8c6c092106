import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { useDemoShop } from './demoShop.ts';

const shop = useDemoShop('browser-test-pass');
const WIDGET = '#mostrador-widget';

describe('the pre-chat form in a real browser', () => {
  it('asks for a name and an email before the first message, with nothing axe can fault, and is done by keyboard alone', async () => {
    const site = shop.server.app.services.sites.demoSite()!;
    await shop.server.app.services.sites.update(site.id, { preChat: 'name_email' });
    const context = await shop.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopper = await context.newPage();
    await shopper.goto(`${shop.server.url}/shop/products/dessuadora-mostrador`);
    await shopper.locator('button[data-part="launcher"]').click();
    const form = shopper.locator('form[data-part="prechat-form"]');
    await form.waitFor();
    expect(await shopper.locator('textarea[data-part="composer"]').count()).toBe(0);
    expect(await axeViolations(shopper, WIDGET), 'pre-chat form').toEqual([]);

    // Focus starts on the email; Tab goes to the name; Enter sends the form.
    await expect.poll(() => form.locator('input[name="email"]').evaluate((input) => input.matches(':focus'))).toBe(true);
    await shopper.keyboard.type('anna@example.com');
    await shopper.keyboard.press('Tab');
    await shopper.keyboard.type('Anna');
    await shopper.keyboard.press('Enter');
    const composer = shopper.locator('textarea[data-part="composer"]');
    await composer.waitFor();
    expect(await form.count()).toBe(0);
    await expect.poll(() => composer.evaluate((el) => el.matches(':focus'))).toBe(true);
    await shopper.keyboard.type('Hola! Teniu la talla L?');
    await shopper.keyboard.press('Enter');
    await shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();
    await context.close();
    await shop.server.app.services.sites.update(site.id, { preChat: 'off' });
  });
});
