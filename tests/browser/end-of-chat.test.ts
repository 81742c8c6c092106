import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

const shop = useDemoShop('browser-test-pass');
const WIDGET = '#mostrador-widget';

describe('the end of a chat', () => {
  it('takes a rating from the keyboard that the console shows, and keeps the ended chat above the next one', async () => {
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const shopper = await (await shop.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').click();
    await shopper.locator('textarea[data-part="composer"]').fill('Primera pregunta: feu enviaments a Andorra?');
    await shopper.locator('button[data-part="send"]').click();
    await shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();

    // The demo agent (an admin) opens the chat in the console.
    await agent.locator('[data-part="conversation-row"]').first().click();
    await agent.locator('[data-part="conversation"] [data-part="message"][data-author="visitor"]').first().waitFor();

    // The shopper ends the chat; the widget asks for a rating, in the shop's language (Catalan).
    await shopper.locator('button[data-part="end-chat"]').click();
    const form = shopper.locator('[data-part="rating"]');
    await form.waitFor();
    expect(await form.locator('legend').textContent()).toBe('Com ha anat aquest xat?');
    expect(await axeViolations(shopper, WIDGET), 'rating form').toEqual([]);

    // From the keyboard: into the radio group, Space picks 1, the right arrow moves to 2.
    await form.locator('input[name="mostrador-rating"]').first().focus();
    await shopper.keyboard.press('Space');
    await shopper.keyboard.press('ArrowRight');
    expect(await form.locator('input[name="mostrador-rating"]:checked').getAttribute('value')).toBe('2');
    await shopper.keyboard.press('Tab');
    await shopper.keyboard.type('Massa lent');
    await shopper.keyboard.press('Tab');
    await shopper.keyboard.press('Enter');
    await shopper.locator('[data-part="rating-thanks"]').waitFor();
    await shopper.screenshot({ path: artifactPath('widget-rating.png') });

    // The console shows it on the conversation, with the comment.
    const shown = agent.locator('[data-part="conversation"] [data-part="rating"][data-score="2"]');
    await shown.waitFor();
    expect(await shown.locator('[data-part="rating-comment"]').textContent()).toContain('Massa lent');
    await agent.screenshot({ path: artifactPath('console-rating.png') });

    // A new chat: the ended one stays visible above it.
    await shopper.locator('textarea[data-part="composer"]').fill('Segona pregunta: i a Portugal?');
    await shopper.locator('button[data-part="send"]').click();
    const earlier = shopper.locator('[data-part="earlier-thread"]');
    await earlier.waitFor();
    expect(await earlier.locator('[data-author="visitor"] [data-part="body"]').allTextContents()).toEqual([
      'Primera pregunta: feu enviaments a Andorra?',
    ]);
    const current = shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').last();
    await current.waitFor();
    expect(await current.locator('[data-part="body"]').textContent()).toBe('Segona pregunta: i a Portugal?');
    const above = (await earlier.boundingBox())!;
    expect(above.y + above.height).toBeLessThanOrEqual((await current.boundingBox())!.y);

    // On another page, the earlier chat loads on demand above the open one.
    await shopper.goto(`${shop.server.url}/shop/cart`);
    await shopper.locator('[data-part="panel"]').waitFor();
    await shopper.locator('button[data-part="load-earlier"]').click();
    await shopper.locator('[data-part="earlier-thread"]').waitFor();
    expect(await shopper.locator('[data-part="earlier-thread"] [data-author="visitor"] [data-part="body"]').allTextContents()).toEqual([
      'Primera pregunta: feu enviaments a Andorra?',
    ]);
    expect(await axeViolations(shopper, WIDGET), 'earlier conversations').toEqual([]);
    await shopper.screenshot({ path: artifactPath('widget-earlier-thread.png') });
  });
});
