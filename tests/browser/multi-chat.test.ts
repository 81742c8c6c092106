import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PRODUCTS, seedDemo } from '@mostrador/server';
import { startTestServer, type TestServer } from '@mostrador/server/testing';
import { artifactPath, launchChromium } from './chromium.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

const PASSWORD = 'multi-chat-pass';
let server: TestServer;
let browser: Browser;
let email: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ email } = await seedDemo(server.app.services, { password: PASSWORD }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('one agent, three shoppers at once', () => {
  it('shows the three chats side by side and each reply reaches the right shopper', async () => {
    const agent = await agentLogsIn(browser, server.url, email, PASSWORD);
    const shoppers = await Promise.all(
      DEMO_PRODUCTS.map((product, i) => shopperSays(browser, `${server.url}/shop/products/${product.slug}`, `Pregunta ${i + 1} sobre ${product.name}`)),
    );

    // The demo agent has room for three: all arrive in Mine, live.
    const rows = agent.locator('[data-part="conversation-row"]');
    await expect.poll(() => rows.count()).toBe(3);
    for (let i = 0; i < 3; i += 1) await rows.nth(i).click();
    const panes = agent.locator('[data-part="conversation"]');
    await expect.poll(() => panes.count()).toBe(3);

    // Side by side: three panes on one row at 1440 px.
    const boxes = await Promise.all([0, 1, 2].map(async (i) => (await panes.nth(i).boundingBox())!));
    expect(new Set(boxes.map((b) => Math.round(b.y))).size).toBe(1);
    expect(boxes.every((b) => b.width > 250)).toBe(true);

    for (let i = 0; i < 3; i += 1) {
      const pane = panes.nth(i);
      const question = await pane.locator('[data-part="message"][data-author="visitor"] [data-part="body"]').first().textContent();
      const n = /Pregunta (\d)/.exec(question ?? '')?.[1];
      await pane.locator('textarea[name="reply"]').fill(`Resposta ${n}`);
      await pane.locator('button[data-part="send"]').click();
    }
    await agent.screenshot({ path: artifactPath('console-three-chats.png') });

    for (const [i, shopper] of shoppers.entries()) {
      const replies = shopper.locator('[data-part="message"][data-author="agent"] [data-part="body"]');
      await expect.poll(() => replies.allTextContents()).toEqual([`Resposta ${i + 1}`]);
    }
  });
});
