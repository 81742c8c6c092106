import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';
import { shopperIn as shopperInLanguage } from './shopperIn.ts';

const shop = useDemoShop('browser-test-pass');
const WIDGET = '#mostrador-widget';

const shopperIn = (language: string) => shopperInLanguage(shop.browser, language);

describe.each(['ca', 'es', 'en'])('axe finds nothing in the widget, in %s', (language) => {
  it('closed, department picker, open with messages, teaser and invitation', async () => {
    // An agent online, so the demo's exit-intent rule may fire.
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const { context, page } = await shopperIn(language);
    await page.goto(`${shop.server.url}/shop/products/motxilla-de-lona`);
    await page.locator('button[data-add-to-cart]').click();
    await page.goto(`${shop.server.url}/shop/cart`);
    await page.locator('[data-cart-lines] tr').waitFor();
    await page.locator('button[data-part="launcher"]').waitFor();
    expect(await page.locator(WIDGET).getAttribute('lang')).toBe(language);
    expect(await axeViolations(page, WIDGET), 'closed').toEqual([]);

    // The pointer leaves through the top: the teaser.
    const teaser = page.locator('[data-part="teaser"]');
    await expect
      .poll(async () => {
        await page.mouse.move(640, 300);
        await page.mouse.move(640, -5, { steps: 5 });
        return teaser.count();
      })
      .toBe(1);
    expect(await axeViolations(page, WIDGET), 'teaser').toEqual([]);
    // Opened: the invitation in the panel (it names its department, so no picker).
    await page.locator('[data-part="teaser-open"]').click();
    await page.locator('[data-part="panel"] [data-invitation]').waitFor();
    expect(await axeViolations(page, WIDGET), 'invitation').toEqual([]);
    await context.close();

    // A new shopper opens the chat on a site that asks for a department: the picker, then the log with messages.
    const site = shop.server.app.services.sites.demoSite()!;
    await shop.server.app.services.sites.update(site.id, { departmentChoice: true });
    const fresh = await shopperIn(language);
    await fresh.page.goto(`${shop.server.url}/shop/`);
    await fresh.page.locator('button[data-part="launcher"]').click();
    await fresh.page.locator('[data-part="department-picker"]').waitFor();
    expect(await axeViolations(fresh.page, WIDGET), 'department picker').toEqual([]);
    await fresh.page.locator('[data-part="department-picker"] button').first().click();
    await fresh.page.locator('textarea[data-part="composer"]').fill('Hola!');
    await fresh.page.locator('button[data-part="send"]').click();
    await fresh.page.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();
    expect(await axeViolations(fresh.page, WIDGET), 'open, with messages').toEqual([]);
    await fresh.context.close();
    await shop.server.app.services.sites.update(site.id, { departmentChoice: false });
    await agent.context().close();
  }, 90_000);
});

describe('axe finds nothing in the widget when the chat is unavailable', () => {
  let allowed: string[] = [];
  beforeAll(async () => {
    const site = shop.server.app.services.sites.demoSite()!;
    allowed = site.allowedOrigins;
    await shop.server.app.services.sites.update(site.id, { allowedOrigins: ['https://elsewhere.example'] });
  });
  afterAll(async () => {
    const site = shop.server.app.services.sites.demoSite()!;
    await shop.server.app.services.sites.update(site.id, { allowedOrigins: allowed });
  });

  it.each(['ca', 'es', 'en'])('in %s', async (language) => {
    const { context, page } = await shopperIn(language);
    await page.goto(`${shop.server.url}/shop/`);
    await page.locator('button[data-part="launcher"]').click();
    await page.locator('[data-part="panel"]').waitFor();
    await page.locator('[data-part="panel"] [data-part="connection"]').waitFor();
    expect(await axeViolations(page, WIDGET)).toEqual([]);
    await context.close();
  });
});
