import { describe, expect, it } from 'vitest';
import { useDemoShop } from './demoShop.ts';

const shop = useDemoShop('browser-test-pass');

describe('the widget split by need, on the demo shop under its strict CSP', () => {
  it('downloads no panel chunk before the visitor acts; the first click imports it from the chat server and the styled panel opens, with no console error', async () => {
    const page = await (await shop.browser.newContext({ viewport: { width: 1024, height: 760 } })).newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));

    const greeted = new Promise<void>((resolve) =>
      page.on('websocket', (socket) =>
        socket.on('framereceived', (frame) => {
          if (String(frame.payload).includes('session:established')) resolve();
        }),
      ),
    );
    await page.goto(`${shop.server.url}/shop/`);
    const launcher = page.locator('button[data-part="launcher"]');
    await launcher.waitFor();
    // The marker: the server has greeted the widget's connection, so the widget is up; still nothing of the panel.
    await greeted;
    await page.waitForLoadState('networkidle');
    expect(requested.filter((path) => path.startsWith('/widget/'))).toEqual([]);
    expect(await page.locator('[data-part="panel"]').count()).toBe(0);

    const chunk = page.waitForResponse((response) => response.url().includes('/widget/chunks/panel-'));
    await launcher.click();
    const response = await chunk;
    expect(new URL(response.url()).origin).toBe(new URL(shop.server.url).origin);
    expect(response.headers()['content-type']).toBe('text/javascript; charset=utf-8');
    const panel = page.locator('[data-part="panel"]');
    await panel.waitFor();
    // Styled from its first frame: the panel's own sheet (adopted with it) gives it a background and a width.
    expect(await panel.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(await panel.evaluate((el) => el.getBoundingClientRect().width)).toBe(360);
    await page.locator('textarea[data-part="composer"]').fill('Hola!');
    await page.locator('button[data-part="send"]').click();
    await page.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();
    expect(problems).toEqual([]);
  });

  it('fetches the Shopify cart adapter only on a Shopify store, from the chat server, and reports the store’s /cart.js with it', async () => {
    const context = await shop.browser.newContext({ viewport: { width: 1024, height: 760 } });
    // The demo shop dressed as a Shopify store: its global, and an AJAX cart at /cart.js.
    await context.addInitScript(() => Object.assign(window, { Shopify: { shop: 'botiga.myshopify.com' } }));
    await context.route('**/cart.js', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          currency: 'EUR',
          total_price: 4200,
          items: [{ sku: 'HOOD-M', title: 'Dessuadora - M', quantity: 1, final_price: 4200 }],
        }),
      }),
    );
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const reported = new Promise<string>((resolve) =>
      page.on('websocket', (socket) =>
        socket.on('framesent', (frame) => {
          if (String(frame.payload).includes('cart:updated')) resolve(String(frame.payload));
        }),
      ),
    );
    const chunk = page.waitForResponse((response) => response.url().includes('/widget/chunks/shopify-'));
    await page.goto(`${shop.server.url}/shop/`);
    expect(new URL((await chunk).url()).origin).toBe(new URL(shop.server.url).origin);
    // A Socket.IO text frame: packet types, the namespace, then the event as JSON.
    const sent = await reported;
    const frame = JSON.parse(sent.slice(sent.indexOf('['))) as [string, { source: string; cart: { total: number } }];
    expect(frame[1]).toMatchObject({ source: 'shopify', cart: { total: 42 } });
    expect(problems).toEqual([]);
    await context.close();
  });
});
