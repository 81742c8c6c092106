import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

const shop = useDemoShop('browser-test-pass');

/**
 * Records what the widget's live regions gain, as a screen reader hears it:
 * the text of every node added to (or text changed inside) an element that
 * is live (aria-live other than off, or role log, status or alert without
 * aria-live="off"). An init script: it watches each shadow root from the
 * moment the widget attaches it, so a page's first render is heard too.
 */
async function recordLiveRegions(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    const liveOf = (node: Node | null): Element | null => {
      for (let at = node instanceof Element ? node : (node?.parentElement ?? null); at; at = at.parentElement) {
        const live = at.getAttribute('aria-live');
        if (live === 'off') return null;
        if (live || ['log', 'status', 'alert'].includes(at.getAttribute('role') ?? '')) return at;
      }
      return null;
    };
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init: ShadowRootInit) {
      const root = attach.call(this, init);
      new MutationObserver((records) => {
        for (const record of records) {
          if (!liveOf(record.target)) continue;
          const texts = record.type === 'characterData' ? [record.target.textContent] : Array.from(record.addedNodes, (n) => n.textContent);
          for (const text of texts) if (text?.trim()) heard.push(text.trim());
        }
      }).observe(root, { childList: true, characterData: true, subtree: true });
      return root;
    };
  });
}

/** Elements that animate or transition, in the widget's shadow root or the page. */
function moving(page: Page, inWidget: boolean): Promise<string[]> {
  return page.evaluate((widget) => {
    const root = widget ? document.getElementById('mostrador-widget')!.shadowRoot! : document;
    const seconds = (list: string) => Math.max(...list.split(',').map((s) => parseFloat(s) || 0));
    return Array.from(root.querySelectorAll<HTMLElement>('*'))
      .filter((el) => {
        const style = getComputedStyle(el);
        return (style.animationName !== 'none' && seconds(style.animationDuration) > 0) || seconds(style.transitionDuration) > 0;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
  }, inWidget);
}

const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: string[] }).heard);

const activePart = (page: Page) =>
  page.evaluate(() => document.getElementById('mostrador-widget')!.shadowRoot!.activeElement?.getAttribute('data-part') ?? null);

describe('the widget with a screen reader and a keyboard', () => {
  it('announces each of the agent’s messages once, not the shopper’s own nor earlier history, and the typing line once a burst, not per keystroke', async () => {
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const context = await shop.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await recordLiveRegions(context);
    const shopper = await context.newPage();
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').click();
    await shopper.locator('textarea[data-part="composer"]').fill('Teniu la motxilla en blau?');
    await shopper.locator('button[data-part="send"]').click();
    await shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();

    await agent.locator('[data-part="conversation-row"]', { hasText: 'Teniu la motxilla en blau?' }).click();
    const pane = agent.locator('[data-part="conversation"]', { hasText: 'Teniu la motxilla en blau?' });
    const reply = pane.locator('textarea[name="reply"]');
    /** A burst of typing in one go, once the last one's line has gone: the shopper sees the line come. */
    const agentTypes = async (field: Locator, text: string) => {
      await shopper.locator('[data-part="typing"]').waitFor({ state: 'detached' });
      await field.fill(text);
      await shopper.locator('[data-part="typing"]').waitFor();
    };
    // Typed key by key, as an agent would: fifteen keystrokes, one "typing" line.
    await reply.pressSequentially('Sí, en tenim.', { delay: 60 });
    await shopper.locator('[data-part="typing"]').waitFor();
    await pane.locator('button[data-part="send"]').click();
    await shopper.locator('[data-part="message"][data-author="agent"]', { hasText: 'Sí, en tenim.' }).waitFor();
    await agentTypes(reply, 'I també en verd.');
    await pane.locator('button[data-part="send"]').click();
    await shopper.locator('[data-part="message"][data-author="agent"]', { hasText: 'I també en verd.' }).waitFor();
    // The agent reads the shopper's message: a receipt, which is no news to read out.
    await shopper.locator('[data-part="read-receipt"]').waitFor();

    // Heard: the agent joining, each burst of typing once (thirteen keystrokes, then one fill), each reply once;
    // never the shopper's own message (sending, then sent), nor the receipt.
    await expect
      .poll(() => heard(shopper))
      .toEqual([
        'Laia s’ha unit al xat',
        'Laia està escrivint…',
        'Laia diu: Sí, en tenim.',
        'Laia està escrivint…',
        'Laia diu: I també en verd.',
      ]);

    // On the next page the log comes back as history: nothing is read out again.
    await shopper.goto(`${shop.server.url}/shop/cart`);
    await shopper.locator('[data-part="message"][data-author="agent"]', { hasText: 'I també en verd.' }).waitFor();
    await agentTypes(reply, 'Alguna cosa més?');
    await pane.locator('button[data-part="send"]').click();
    await shopper.locator('[data-part="message"][data-author="agent"]', { hasText: 'Alguna cosa més?' }).waitFor();
    await expect.poll(() => heard(shopper)).toEqual(['Laia està escrivint…', 'Laia diu: Alguna cosa més?']);
    await context.close();
    await agent.context().close();
  }, 60_000);

  it('on a phone, keeps focus in the open sheet and gives it back to the launcher on close', async () => {
    const context = await shop.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${shop.server.url}/shop/`);
    const launcher = page.locator('button[data-part="launcher"]');
    await launcher.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => activePart(page)).toBe('composer');
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press(i < 4 ? 'Tab' : 'Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('mostrador-widget');
    }
    // Escape closes the sheet: focus is on the launcher, shown again.
    await page.keyboard.press('Escape');
    await page.locator('[data-part="panel"]').waitFor({ state: 'detached' });
    expect(await activePart(page)).toBe('launcher');
    // So does the sheet's own close button, pressed from the keyboard.
    await page.keyboard.press('Enter');
    await page.locator('button[data-part="minimize"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-part="panel"]').waitFor({ state: 'detached' });
    expect(await activePart(page)).toBe('launcher');
    await context.close();
  });

  it('honours prefers-reduced-motion in the widget and the console: nothing moves', async () => {
    const context = await shop.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    const shopper = await context.newPage();
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').hover();
    expect(await shopper.locator('button[data-part="launcher"]').evaluate((el) => getComputedStyle(el).transform)).toBe('none');
    await shopper.locator('button[data-part="launcher"]').click();
    await shopper.locator('textarea[data-part="composer"]').fill('Hi ha algú?');
    await shopper.locator('button[data-part="send"]').click();
    await shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();

    // The agent's console in the same browser: the visitor's typing dots stand still.
    const agent = await context.newPage();
    await agent.goto(`${shop.server.url}/console/`);
    await agent.locator('input[name="email"]').fill(shop.email);
    await agent.locator('input[name="password"]').fill(shop.password);
    await agent.locator('button[type="submit"]').click();
    await agent.locator('[data-part="conversation-row"]', { hasText: 'Hi ha algú?' }).click();
    await shopper.locator('textarea[data-part="composer"]').fill('Una altra cosa…');
    await agent.locator('[data-part="conversation"] [data-part="typing"]').waitFor({ state: 'attached' });
    expect(await agent.locator('.typing-dots').count()).toBeGreaterThan(0);
    expect(await moving(shopper, true)).toEqual([]);
    expect(await moving(agent, false)).toEqual([]);
    await context.close();
  });
});
