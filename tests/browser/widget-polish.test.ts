import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

const shop = useDemoShop('browser-test-pass');
const DEFAULT_BLUE = 'rgb(31, 111, 235)';
const GREEN = 'rgb(11, 93, 59)';

const launcher = (page: Page) => page.locator('button[data-part="launcher"]');
const launcherStyle = (page: Page) =>
  launcher(page).evaluate((el) => {
    const style = getComputedStyle(el);
    return { background: style.backgroundColor, visibility: style.visibility };
  });

async function brandingPage(): Promise<Page> {
  const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
  await agent.locator('button[data-part="nav-admin"]').click();
  await agent.locator('button[data-admin-tab="branding"]').click();
  await agent.locator('form[data-part="branding-form"]').waitFor();
  return agent;
}

/** A shop page whose chat server never answers: the WebSocket is held, so no handshake (and no look) ever arrives. */
async function pageWithoutServer(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.routeWebSocket(/socket\.io/, () => {});
  await page.goto(`${shop.server.url}/shop/`);
  await launcher(page).waitFor({ state: 'attached' });
  return page;
}

/** Counts the tones a page starts and the sound's elections it enters (Web Locks asked for `…:chime`, and settled). */
const COUNT_TONES = () => {
  const counts = { tones: 0, asked: 0, settled: 0 };
  Object.assign(window, { __sound: counts });
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
    counts.tones += 1;
    return start.apply(this, args);
  };
  const request = LockManager.prototype.request as (...args: unknown[]) => Promise<unknown>;
  LockManager.prototype.request = function (this: LockManager, ...args: unknown[]) {
    const chime = String(args[0]).endsWith(':chime');
    if (chime) counts.asked += 1;
    const answer = request.apply(this, args);
    if (chime) void answer.finally(() => (counts.settled += 1));
    return answer;
  } as LockManager['request'];
};
type SoundCounts = { tones: number; asked: number; settled: number };
const sound = (page: Page) => page.evaluate(() => (window as unknown as { __sound: SoundCounts }).__sound);

describe('widget polish: the shop’s look, live and from the first frame, and one sound for all tabs', () => {
  it('shows no default blue: a first page waits for the look (a silent server gets the default after a moment), a later page has it at once', async () => {
    const first = await shop.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const waiting = await pageWithoutServer(first);
    expect((await launcherStyle(waiting)).visibility).toBe('hidden');
    // The safe fallback: a server that never answers still gets a launcher, in the default colours.
    await expect.poll(() => launcherStyle(waiting), { timeout: 5_000 }).toEqual({ background: DEFAULT_BLUE, visibility: 'visible' });
    await first.close();

    // A merchant sets a green pill with its own words and the sound, in the console, while a shopper's page is open.
    const context = await shop.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const open = await context.newPage();
    await open.goto(`${shop.server.url}/shop/`);
    await expect.poll(() => launcherStyle(open)).toEqual({ background: DEFAULT_BLUE, visibility: 'visible' });
    const agent = await brandingPage();
    await agent.locator('input[name="color"]').fill('#0b5d3b');
    await agent.locator('input[name="launcher"][value="labelled"]').check();
    await agent.locator('input[name="launcherText-en"]').fill('Need a hand?');
    await agent.locator('input[name="launcherText-ca"]').fill('Parlem?');
    await agent.locator('input[name="sound"]').check();
    await agent.locator('button[type="submit"]', { hasText: 'Save branding' }).click();
    await agent.locator('text=Branding saved.').waitFor();

    // The open page takes it without a reload, in its language (the demo shop's pages are in Catalan).
    await expect.poll(() => launcherStyle(open)).toEqual({ background: GREEN, visibility: 'visible' });
    expect(await launcher(open).getAttribute('aria-label')).toBe('Parlem?');
    expect(await launcher(open).evaluate((el) => getComputedStyle(el, '::after').content)).toBe('"Parlem?"');

    // The next page of this shopper has the look before its server answers (here: never).
    const later = await pageWithoutServer(context);
    expect(await launcherStyle(later)).toEqual({ background: GREEN, visibility: 'visible' });
    expect(await launcher(later).getAttribute('aria-label')).toBe('Parlem?');
    await context.close();
    await agent.context().close();
  });

  it('plays one tone across two tabs for an agent’s message, none for the shopper’s own', async () => {
    const { sites } = shop.server.app.services;
    const site = sites.demoSite()!;
    await sites.setBranding(site.id, { ...sites.brandingOf(site), sound: true });
    const context = await shop.browser.newContext({ viewport: { width: 1024, height: 760 } });
    await context.addInitScript(COUNT_TONES);
    const first = await context.newPage();
    await first.goto(`${shop.server.url}/shop/`);
    await launcher(first).click();
    await first.locator('textarea[data-part="composer"]').fill('Hola!');
    await first.locator('button[data-part="send"]').click();
    await first.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();
    await first.locator('button[data-part="sound"][aria-pressed="true"]').waitFor();
    expect(await axeViolations(first, '#mostrador-widget'), 'panel with the sound toggle').toEqual([]);
    await first.locator('button[data-part="minimize"]').click();
    const second = await context.newPage();
    await second.goto(`${shop.server.url}/shop/cart`);
    await launcher(second).waitFor();
    // The shopper has used this tab too (a browser lets only such a tab make sound).
    await second.mouse.click(5, 5);

    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    await agent.locator('[data-part="conversation-row"]').first().click();
    await agent.locator('textarea[name="reply"]').fill('Quina talla busques?');
    await agent.locator('button[data-part="send"]').click();
    // Both tabs heard it and entered the election; once both are settled, one tone in all.
    for (const page of [first, second]) {
      await expect.poll(() => page.locator('[data-part="unread"]').textContent()).toBe('1');
      await expect.poll(async () => (await sound(page)).settled, { timeout: 10_000 }).toBe(1);
    }
    const [a, b] = [await sound(first), await sound(second)];
    expect(a.tones + b.tones).toBe(1);
    expect([a.asked, b.asked]).toEqual([1, 1]);

    // The shopper's own message asks for no sound in either tab: the agent's next one is the second election.
    await launcher(first).click();
    await first.locator('textarea[data-part="composer"]').fill('Una M');
    await first.locator('button[data-part="send"]').click();
    await first.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').nth(1).waitFor();
    await agent.locator('[data-part="message"]', { hasText: 'Una M' }).waitFor();
    await agent.locator('textarea[name="reply"]').fill('Perfecte');
    await agent.locator('button[data-part="send"]').click();
    for (const page of [first, second]) await expect.poll(async () => (await sound(page)).settled, { timeout: 10_000 }).toBe(2);
    const [c, d] = [await sound(first), await sound(second)];
    expect([c.asked, d.asked]).toEqual([2, 2]);
    expect(c.tones + d.tones).toBe(2);
    await context.close();
    await agent.context().close();
  });
});
