import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath } from './chromium.ts';
import { logInAgent, useDemoShop } from './demoShop.ts';

const shop = useDemoShop('browser-test-pass');

/** Errors the shop page logs, such as CSP violations by an inline script or eval. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

describe('one real conversation, shop page to console and back', () => {
  it('lets a shopper chat from a product page and an agent answer from the console', async () => {
    const shopper = await (await shop.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const shopErrors = collectErrors(shopper);
    await shopper.goto(`${shop.server.url}/shop/products/dessuadora-mostrador`);

    // The widget lives in a shadow root; Playwright's CSS engine pierces open shadow roots.
    await shopper.locator('button[data-part="launcher"]').click();
    await expect.poll(() => shopper.locator('[data-part="panel"]').isVisible()).toBe(true);
    await shopper.locator('textarea[data-part="composer"]').fill('Hola! Teniu aquesta dessuadora en talla L?');
    await shopper.locator('button[data-part="send"]').click();
    const sent = shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]');
    await sent.waitFor();
    expect(await sent.locator('[data-part="body"]').textContent()).toBe('Hola! Teniu aquesta dessuadora en talla L?');

    // The agent logs in from a second browser context and finds the conversation live.
    const agentContext = await shop.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const agent = await agentContext.newPage();
    await logInAgent(shop, agent);
    await agent.locator('[data-part="conversation-row"]').first().click();
    const visitorLine = agent.locator('[data-part="conversation"] [data-part="message"][data-author="visitor"] [data-part="body"]');
    await expect.poll(() => visitorLine.first().textContent()).toBe('Hola! Teniu aquesta dessuadora en talla L?');

    // Each side sees the other typing.
    await shopper.locator('textarea[data-part="composer"]').fill('I també…');
    await agent.locator('[data-part="conversation"] [data-part="typing"]').waitFor();
    await agent.locator('textarea[name="reply"]').fill('Sí, ');
    await shopper.locator('[data-part="typing"]').waitFor();

    await agent.locator('textarea[name="reply"]').fill('Sí, en tenim dues en talla L.');
    await agent.locator('button[data-part="send"]').click();
    const reply = shopper.locator('[data-part="message"][data-author="agent"] [data-part="body"]');
    await expect.poll(() => reply.first().textContent()).toBe('Sí, en tenim dues en talla L.');

    await shopper.screenshot({ path: artifactPath('widget-product-page.png') });
    await agent.screenshot({ path: artifactPath('console-conversation.png') });

    // Moving to the cart continues the same conversation, with its history, in the panel the shopper left open.
    await shopper.goto(`${shop.server.url}/shop/cart`);
    await shopper.locator('[data-part="panel"]').waitFor();
    const history = shopper.locator('[data-part="message"]:not([data-author="system"]) [data-part="body"]');
    await expect
      .poll(() => history.allTextContents())
      .toEqual(['Hola! Teniu aquesta dessuadora en talla L?', 'Sí, en tenim dues en talla L.']);
    // The agent's arrival is a system line between them (the demo shop is in Catalan).
    const joined = shopper.locator('[data-part="message"][data-author="system"][data-event="joined"]');
    expect(await joined.textContent()).toContain('Laia');
    await shopper.screenshot({ path: artifactPath('widget-cart-page.png') });

    expect(shopErrors).toEqual([]);
    await agentContext.close();
  });

  it('replays calls the shop made before the script loaded', async () => {
    const page = await (await shop.browser.newContext()).newPage();
    // The shop defines the documented queue stub in its own code, before our tag runs.
    await page.addInitScript(() => {
      const w = window as unknown as { Mostrador?: ((...args: unknown[]) => void) & { q?: unknown[][] } };
      const stub = ((...args: unknown[]) => {
        (stub.q = stub.q ?? []).push(args);
      }) as ((...args: unknown[]) => void) & { q?: unknown[][] };
      w.Mostrador = w.Mostrador ?? stub;
      w.Mostrador('open');
    });
    await page.goto(`${shop.server.url}/shop/`);
    await page.locator('[data-part="panel"]').waitFor();
    expect(await page.evaluate(() => Object.keys(window).filter((k) => /mostrador/i.test(k)))).toEqual(['Mostrador']);
    await page.evaluate(() => (window as unknown as { Mostrador: (c: string) => void }).Mostrador('close'));
    await expect.poll(() => page.locator('[data-part="panel"]').isVisible()).toBe(false);
  });
});
