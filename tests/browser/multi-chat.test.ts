import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '@mostrador/server';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

const shop = useDemoShop('multi-chat-pass');

describe('one agent, three shoppers at once', () => {
  it('shows the three chats side by side and each reply reaches the right shopper', async () => {
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const shoppers = await Promise.all(
      DEMO_PRODUCTS.map((product, i) =>
        shopperSays(shop.browser, `${shop.server.url}/shop/products/${product.slug}`, `Pregunta ${i + 1} sobre ${product.name}`),
      ),
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
