import { describe, expect, it } from 'vitest';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

const shop = useDemoShop('browser-test-pass');

describe('a shop page whose origin the site does not allow', () => {
  it('says the chat is unavailable, warns the merchant, and recovers without a reload once the admin allows it', async () => {
    // The demo shop's own origin taken off its site: the tag is pasted on a page the site does not allow.
    const site = shop.server.app.services.sites.demoSite()!;
    await shop.server.app.services.sites.update(site.id, { allowedOrigins: ['https://elsewhere.example'] });
    const shopOrigin = new URL(shop.server.url).origin;

    const shopper = await (await shop.browser.newContext({ viewport: { width: 1024, height: 760 } })).newPage();
    const warnings: string[] = [];
    shopper.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').click();
    const line = shopper.locator('[data-part="panel"] [data-part="connection"]');
    // The demo shop is in Catalan.
    await expect.poll(() => line.textContent()).toBe('El xat no està disponible en aquesta pàgina');
    expect(await shopper.locator('textarea[data-part="composer"]').count()).toBe(0);
    await expect.poll(() => warnings.filter((w) => w.includes('[Mostrador]'))).toHaveLength(1);
    expect(warnings.find((w) => w.includes('[Mostrador]'))).toContain(shopOrigin);
    await shopper.screenshot({ path: artifactPath('widget-origin-refused.png') });

    // The admin finds the origin under the site's settings and allows it in one click.
    const admin = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    await admin.locator('button[data-part="nav-admin"]').click();
    await admin.locator('button[data-admin-tab="site"]').click();
    const row = admin.locator(`[data-part="refused-origins"] tr[data-origin="${shopOrigin}"]`);
    await row.waitFor();
    await admin.screenshot({ path: artifactPath('console-origin-refused.png'), fullPage: true });
    await row.locator('button[data-part="allow-origin"]').click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => admin.locator('textarea[name="allowedOrigins"]').inputValue()).toBe(`https://elsewhere.example\n${shopOrigin}`);
    await admin.screenshot({ path: artifactPath('console-origin-allowed.png') });

    // The shopper's tab comes back into view: the same page connects, with no reload, and the composer works.
    await shopper.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await shopper.locator('textarea[data-part="composer"]').waitFor();
    expect(await line.count()).toBe(0);
    await shopper.locator('textarea[data-part="composer"]').fill('Ara sí!');
    await shopper.locator('button[data-part="send"]').click();
    await shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();
    expect(warnings.filter((w) => w.includes('[Mostrador]'))).toHaveLength(1);
  });
});
