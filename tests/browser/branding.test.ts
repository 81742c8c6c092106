import type { Page } from 'playwright-core';
import { DEFAULT_BRANDING } from '@mostrador/shared/branding';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

const shop = useDemoShop('browser-test-pass');
const WIDGET = '#mostrador-widget';
const DARK_SURFACE = 'rgb(29, 33, 37)';
const LIGHT_SURFACE = 'rgb(255, 255, 255)';

const demoBranding = () => {
  const { sites } = shop.server.app.services;
  return sites.brandingOf(sites.demoSite()!);
};

async function brandingPage(): Promise<Page> {
  const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
  await agent.locator('button[data-part="nav-admin"]').click();
  await agent.locator('button[data-admin-tab="branding"]').click();
  await agent.locator('form[data-part="branding-form"]').waitFor();
  return agent;
}

async function shopper(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await (await shop.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme })).newPage();
  await page.goto(`${shop.server.url}/shop/`);
  await page.locator('button[data-part="launcher"]').waitFor();
  return page;
}

const panelBackground = (page: Page) => page.locator('[data-part="panel"]').evaluate((el) => getComputedStyle(el).backgroundColor);

describe('branding, from the console to the shop', () => {
  it('refuses white on #777777 with a visible message and saves nothing', async () => {
    const agent = await brandingPage();
    // Typed key by key, as a merchant would: the message follows the typing.
    const color = agent.locator('input[name="color"]');
    await color.fill('');
    await color.pressSequentially('#777777');
    const contrast = agent.locator('[data-part="contrast"]');
    await expect.poll(() => contrast.textContent()).toMatch(/^Contrast 4\.47:1: too low to read/);
    expect(await contrast.isVisible()).toBe(true);
    await agent.locator('button[type="submit"]', { hasText: 'Save branding' }).click();
    expect(await agent.locator('text=Branding saved.').count()).toBe(0);
    expect(demoBranding()).toEqual(DEFAULT_BRANDING);

    // The server refuses it too, whoever asks.
    const refused = await agent.evaluate(
      async (look) => {
        const res = await fetch('/api/admin/site/branding', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(look),
        });
        return { status: res.status, body: await res.json() };
      },
      { ...DEFAULT_BRANDING, color: '#777777', textColor: '#ffffff' },
    );
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'invalid_payload' } } });
    expect(demoBranding()).toEqual(DEFAULT_BRANDING);
    await agent.context().close();
  }, 60_000);

  it('sets a colour, the left side, a labelled launcher and forced dark: the demo shop’s widget shows them', async () => {
    const agent = await brandingPage();
    await agent.locator('input[name="color"]').fill('#0b5d3b');
    await agent.getByRole('radio', { name: 'Bottom left' }).check();
    await agent.locator('input[name="offsetX"]').fill('40');
    await agent.locator('input[name="offsetY"]').fill('30');
    await agent.getByRole('radio', { name: /words beside the icon/ }).check();
    await agent.getByRole('radio', { name: 'Always dark' }).check();
    await agent.locator('input[name="title-ca"]').fill('Parlem!');
    // The preview follows before anything is saved.
    const previewLauncher = agent.locator('[data-part="preview-launcher"]');
    expect(await previewLauncher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 93, 59)');
    expect(await agent.locator('.preview-page').getAttribute('data-side')).toBe('left');
    expect(await axeViolations(agent), 'branding page').toEqual([]);
    await agent.locator('button[type="submit"]', { hasText: 'Save branding' }).click();
    await agent.locator('text=Branding saved.').waitFor();
    expect(demoBranding()).toMatchObject({ color: '#0b5d3b', side: 'left', offsetX: 40, offsetY: 30, launcher: 'labelled', theme: 'dark' });

    const page = await shopper();
    const launcher = page.locator('button[data-part="launcher"]');
    await expect.poll(() => launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 93, 59)');
    const box = (await launcher.boundingBox())!;
    expect(box.x).toBe(40);
    expect(800 - (box.y + box.height)).toBe(30);
    // The demo shop is in Catalan: the pill says so beside the icon.
    expect(await launcher.evaluate((el) => getComputedStyle(el, '::after').content)).toBe('"Obre el xat"');
    expect(box.width).toBeGreaterThan(100);

    await launcher.click();
    await page.locator('[data-part="panel"]').waitFor();
    expect(await panelBackground(page)).toBe(DARK_SURFACE);
    expect(await page.locator('[data-part="panel"] h2').textContent()).toBe('Parlem!');
    expect(await axeViolations(page, WIDGET), 'dark panel').toEqual([]);
    await page.context().close();
    await agent.context().close();
  }, 60_000);

  it('follows the shopper’s prefers-color-scheme when the merchant leaves the theme on auto', async () => {
    const { sites } = shop.server.app.services;
    expect((await sites.setBranding(sites.demoSite()!.id, { ...DEFAULT_BRANDING, theme: 'auto' })).ok).toBe(true);
    for (const [scheme, surface] of [
      ['dark', DARK_SURFACE],
      ['light', LIGHT_SURFACE],
    ] as const) {
      const page = await shopper(scheme);
      await page.locator('button[data-part="launcher"]').click();
      await page.locator('[data-part="panel"]').waitFor();
      expect(await panelBackground(page), scheme).toBe(surface);
      await page.context().close();
    }
  }, 60_000);
});
