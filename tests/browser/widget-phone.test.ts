import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';

const shop = useDemoShop('browser-test-pass');

/** A box in the page's CSS pixels, read from inside the widget's shadow root. */
function boxOf(page: Page, part: string) {
  return page.evaluate((selector) => {
    const root = document.getElementById('mostrador-widget')!.shadowRoot!;
    const el = root.querySelector(selector);
    if (!el || getComputedStyle(el).display === 'none') return null;
    const { x, y, width, height } = el.getBoundingClientRect();
    return { x, y, width, height };
  }, `[data-part="${part}"]`);
}

describe.each([
  { width: 390, height: 844 },
  { width: 360, height: 740 },
])('the widget on a phone ($width × $height, touch)', (viewport) => {
  it('opens a full-screen sheet over a page that stays put, with 16 px input and 44 px targets; a tap on Send sends, either way up', async () => {
    const context = await shop.browser.newContext({ viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${shop.server.url}/shop/`);
    await page.locator('button[data-part="launcher"]').waitFor();
    // The shopper has scrolled down the list before opening the chat.
    await page.evaluate(() => window.scrollTo(0, 300));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(300);
    const brandTop = () => page.evaluate(() => document.querySelector('.brand')!.getBoundingClientRect().top);
    const before = await brandTop();

    await page.locator('button[data-part="launcher"]').tap();
    await page.locator('textarea[data-part="composer"]').waitFor();
    expect(await boxOf(page, 'panel')).toEqual({ x: 0, y: 0, ...viewport });
    // The launcher's cross is gone while the sheet is open: nothing covers Send.
    expect(await boxOf(page, 'launcher')).toBeNull();
    // The page behind did not move when the sheet opened, and does not scroll under a swipe.
    expect(await brandTop()).toBe(before);
    await page.evaluate(() => window.scrollBy(0, 400));
    expect(await brandTop()).toBe(before);

    const composer = page.locator('textarea[data-part="composer"]');
    expect(await composer.evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
    for (const part of ['composer', 'send', 'minimize']) {
      const box = (await boxOf(page, part))!;
      expect(box.width, part).toBeGreaterThanOrEqual(44);
      expect(box.height, part).toBeGreaterThanOrEqual(44);
    }
    await composer.tap();
    await composer.fill('Teniu talles petites?');
    // What a finger on Send's centre hits is Send itself.
    const send = (await boxOf(page, 'send'))!;
    const hit = await page.evaluate(
      ([x, y]) =>
        document
          .getElementById('mostrador-widget')!
          .shadowRoot!.elementFromPoint(x!, y!)
          ?.closest('[data-part]')
          ?.getAttribute('data-part'),
      [send.x + send.width / 2, send.y + send.height / 2],
    );
    expect(hit).toBe('send');
    await page.locator('button[data-part="send"]').tap();
    await page.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();

    // Turned to landscape mid-chat: the sheet fills the new screen, the composer and the last message stay in
    // view, and Send still sends. Then back upright.
    for (const turned of [{ width: viewport.height, height: viewport.width }, viewport]) {
      await page.setViewportSize(turned);
      await expect.poll(() => boxOf(page, 'panel')).toEqual({ x: 0, y: 0, ...turned });
      for (const part of ['composer', 'send']) {
        const box = (await boxOf(page, part))!;
        expect(box.y + box.height, part).toBeLessThanOrEqual(turned.height);
        expect(box.x + box.width, part).toBeLessThanOrEqual(turned.width);
      }
      const sent = await page.locator('[data-part="message"][data-author="visitor"]').count();
      await composer.fill(`I en blau? (${turned.width} px)`);
      await page.locator('button[data-part="send"]').tap();
      await expect.poll(() => page.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').count()).toBe(sent + 1);
      const lastMessageInView = () =>
        page.evaluate(() => {
          const root = document.getElementById('mostrador-widget')!.shadowRoot!;
          const last = Array.from(root.querySelectorAll('[data-part="message"]')).at(-1)!.getBoundingClientRect();
          const composerTop = root.querySelector('[data-part="composer"]')!.getBoundingClientRect().top;
          return last.top >= 0 && last.bottom <= composerTop;
        });
      await expect.poll(lastMessageInView).toBe(true);
    }

    // The keyboard stays in the sheet: Tab and Shift+Tab go round inside it, never to the page beneath.
    const focusIsInPanel = () =>
      page.evaluate(() => {
        const root = document.getElementById('mostrador-widget')!.shadowRoot!;
        return !!root.activeElement && !!root.querySelector('[data-part="panel"]')?.contains(root.activeElement);
      });
    await page.locator('textarea[data-part="composer"]').focus();
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await focusIsInPanel(), key).toBe(true);
    }
    await page.screenshot({ path: artifactPath(`widget-phone-sheet-${viewport.width}.png`) });

    // Closed: the page is where the shopper left it, and the launcher is back.
    await page.locator('button[data-part="minimize"]').tap();
    await page.locator('[data-part="panel"]').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => window.scrollY)).toBe(300);
    expect(await brandTop()).toBe(before);
    expect(await boxOf(page, 'launcher')).not.toBeNull();
    await context.close();
  });
});
