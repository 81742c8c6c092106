import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '@mostrador/server';
import type { Locator } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

const shop = useDemoShop('console-layout-pass');

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function visibleBox(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, 'the pane part is laid out').not.toBeNull();
  return box!;
}

async function expectNoOverlap(parts: Record<string, Box>) {
  const names = Object.keys(parts);
  for (const [i, a] of names.entries()) {
    for (const b of names.slice(i + 1)) expect(overlaps(parts[a]!, parts[b]!), `${a} and ${b} overlap`).toBe(false);
  }
}

/** What the agent must read in a pane with the visitor panel open: the messages, the composer, the page and the cart. */
async function paneParts(pane: Locator) {
  const panel = pane.locator('[data-part="visitor-panel"]');
  await panel.locator('[data-part="current-page"]').waitFor();
  const side = await visibleBox(panel);
  const log = await visibleBox(pane.locator('.message-log'));
  const composer = await visibleBox(pane.locator('textarea[name="reply"]'));
  // The page and the cart are shown in the panel as it opens, not scrolled out of it or hidden under the bubbles.
  for (const section of ['[data-part="current-page"]', '[data-section$="-cart"] h3']) {
    const box = await visibleBox(panel.locator(section));
    expect(box.y >= side.y && box.y + box.height <= side.y + side.height, `${section} inside the panel's visible part`).toBe(true);
    const point = { x: box.x + Math.min(box.width / 2, 20), y: box.y + box.height / 2 };
    expect(await pane.page().evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.visitor-panel') !== null, point)).toBe(true);
  }
  expect(log.height, 'the messages keep a readable height').toBeGreaterThanOrEqual(120);
  expect(log.width, 'the messages keep a readable width').toBeGreaterThanOrEqual(240);
  return { side, log, composer };
}

describe('the console with three chats and the visitor panel open', () => {
  it('at 1280×800: the inbox, the chat and its visitor panel do not overlap, each readable, and axe finds nothing', async () => {
    await Promise.all(
      DEMO_PRODUCTS.map((product, i) =>
        shopperSays(shop.browser, `${shop.server.url}/shop/products/${product.slug}`, `Pregunta ${i + 1} sobre ${product.name}`),
      ),
    );
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password, 1280);
    await agent.setViewportSize({ width: 1280, height: 800 });
    const rows = agent.locator('[data-part="conversation-row"]');
    await expect.poll(() => rows.count()).toBe(3);
    for (let i = 0; i < 3; i += 1) await rows.nth(i).click();
    await expect.poll(() => agent.locator('[data-part="conversation"]').count()).toBe(3);
    const pane = agent.locator('[data-part="conversation"][data-focused="true"]');
    const toggle = pane.locator('[data-part="toggle-details"]');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const { side, log, composer } = await paneParts(pane);
    await agent.screenshot({ path: artifactPath('console-layout-1280.png') });
    const inbox = await visibleBox(agent.locator('.inbox'));
    await expectNoOverlap({ inbox, side, log });
    await expectNoOverlap({ inbox, side, composer });
    expect(side.width, 'the panel is wide enough for its cart').toBeGreaterThanOrEqual(240);
    expect(await agent.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await axeViolations(agent), 'three chats at 1280 px with the visitor panel open').toEqual([]);

    // Wider, the three panes sit side by side: each one's panel, messages and composer stay apart, and apart from the others.
    await agent.setViewportSize({ width: 1440, height: 800 });
    const panes = agent.locator('[data-part="conversation"]');
    await expect.poll(async () => (await panes.nth(0).boundingBox())?.y === (await panes.nth(2).boundingBox())?.y).toBe(true);
    await agent.screenshot({ path: artifactPath('console-layout-1440.png') });
    const all: Record<string, Box> = {};
    for (let i = 0; i < 3; i += 1) {
      const parts = await paneParts(panes.nth(i));
      await expectNoOverlap(parts);
      all[`panel ${i}`] = parts.side;
      all[`messages ${i}`] = parts.log;
    }
    await expectNoOverlap(all);
    expect(await axeViolations(agent), 'three chats side by side with the visitor panel open').toEqual([]);
    await agent.context().close();
  }, 90_000);
});
