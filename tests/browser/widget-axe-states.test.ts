import { fail } from '@mostrador/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { useDemoShop } from './demoShop.ts';
import { drawPng, PDF } from './files.ts';
import { agentLogsIn } from './shop.ts';
import { shopperIn } from './shopperIn.ts';

const shop = useDemoShop('browser-test-pass');
const WIDGET = '#mostrador-widget';
const LANGUAGES = ['ca', 'es', 'en'];

const demoSite = () => shop.server.app.services.sites.demoSite()!;

/** Opens the panel on the shop's home page, checking that the widget took the page's language. */
async function openPanel(page: Page, language: string): Promise<void> {
  await page.goto(`${shop.server.url}/shop/`);
  await page.locator('button[data-part="launcher"]').click();
  await page.locator('[data-part="panel"]').waitFor();
  expect(await page.locator(WIDGET).getAttribute('lang')).toBe(language);
}

async function send(page: Page, text: string, status = 'sent'): Promise<void> {
  await page.locator('textarea[data-part="composer"]').fill(text);
  await page.locator('button[data-part="send"]').click();
  await page.locator(`[data-part="message"][data-author="visitor"][data-status="${status}"]`, { hasText: text }).waitFor();
}

/**
 * The widget's states the first axe test (widget-axe.test.ts) does not
 * reach, in each of its languages: nobody online, closed by the hours with
 * the offline message form, the pre-chat form, a message the server
 * refused, the agent typing, the rating and NPS questions once the chat
 * ends, the earlier conversation above the next one, a file uploading, a
 * picture and a file received, and the sheet on a phone. The first block runs before any agent has logged in.
 */
describe.each(LANGUAGES)('axe finds nothing in the widget with nobody online, in %s', (language) => {
  it('the offline line, and the form that takes an email', async () => {
    const { context, page } = await shopperIn(shop.browser, language);
    await openPanel(page, language);
    await page.locator('[data-part="closed"]').waitFor();
    expect.soft(await axeViolations(page, WIDGET), 'nobody online').toEqual([]);
    await send(page, `Fora de línia ${language}`);
    await page.locator('form[data-part="contact-form"]').waitFor();
    expect.soft(await axeViolations(page, WIDGET), 'offline message form').toEqual([]);
    await page.locator('form[data-part="contact-form"] input[type="email"]').fill('marta@example.cat');
    await page.locator('form[data-part="contact-form"] button[type="submit"]').click();
    await page.locator('[data-part="contact-saved"]').waitFor();
    expect.soft(await axeViolations(page, WIDGET), 'offline message form answered').toEqual([]);
    await context.close();
  });
});

describe.each(LANGUAGES)('axe finds nothing in the widget, in %s', (language) => {
  it('outside business hours, and with the pre-chat form', async () => {
    const { hours } = shop.server.app.services;
    const siteId = demoSite().id;
    const before = hours.get(siteId);
    const now = Date.now();
    await hours.replace(siteId, {
      site: { timeZone: 'Europe/Madrid', weekly: [], holidays: [], closures: [{ from: now - 3_600_000, to: now + 86_400_000 }] },
      departments: [],
    });
    try {
      const { context, page } = await shopperIn(shop.browser, language);
      await openPanel(page, language);
      await page.locator('[data-part="closed"]').waitFor();
      expect.soft(await axeViolations(page, WIDGET), 'closed by the hours').toEqual([]);
      await context.close();
    } finally {
      await hours.replace(siteId, before);
    }

    await shop.server.app.services.sites.update(siteId, { preChat: 'name_email' });
    try {
      const { context, page } = await shopperIn(shop.browser, language);
      await openPanel(page, language);
      await page.locator('form[data-part="prechat-form"]').waitFor();
      expect.soft(await axeViolations(page, WIDGET), 'pre-chat form').toEqual([]);
      await context.close();
    } finally {
      await shop.server.app.services.sites.update(siteId, { preChat: 'off' });
    }
  });

  it('a refused message, the agent typing, the rating and NPS questions, the earlier conversation', async () => {
    const siteId = demoSite().id;
    await shop.server.app.services.sites.update(siteId, { npsEnabled: true });
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const { context, page } = await shopperIn(shop.browser, language);
    await openPanel(page, language);
    const first = `Primer missatge ${language}`;
    await send(page, first);

    // The server refuses the next message once: the error line with its retry button.
    const conversations = shop.server.app.services.conversations;
    const sendFromVisitor = conversations.sendFromVisitor.bind(conversations);
    conversations.sendFromVisitor = () => {
      conversations.sendFromVisitor = sendFromVisitor;
      return Promise.resolve(fail('internal', 'The database is unavailable'));
    };
    await send(page, `Segon ${language}`, 'failed');
    expect.soft(await axeViolations(page, WIDGET), 'a message the server refused').toEqual([]);
    await page.locator('button[data-part="retry"]').click();
    await page.locator('[data-part="message"][data-author="visitor"][data-status="sent"]', { hasText: `Segon ${language}` }).waitFor();

    // The agent opens this chat and starts typing.
    await agent.locator('button[data-part="tab"][data-view="all"]').click();
    await agent.locator('[data-part="conversation-row"]', { hasText: `Segon ${language}` }).click();
    const pane = agent.locator('[data-part="conversation"]', { hasText: first });
    await pane.locator('textarea[name="reply"]').fill('Un moment…');
    await page.locator('[data-part="typing"]').waitFor();
    expect.soft(await axeViolations(page, WIDGET), 'agent typing').toEqual([]);
    await pane.locator('button[data-part="send"]').click();
    await page.locator('[data-part="message"][data-author="agent"]', { hasText: 'Un moment…' }).waitFor();

    // The shopper ends the chat: the rating, then (skipped) the NPS question.
    await page.locator('button[data-part="end-chat"]').click();
    await page.locator('form[data-part="rating"]').waitFor();
    expect.soft(await axeViolations(page, WIDGET), 'rating prompt').toEqual([]);
    await page.locator('form[data-part="rating"] button.quiet').click();
    await page.locator('form[data-part="nps"]').waitFor();
    expect.soft(await axeViolations(page, WIDGET), 'NPS question').toEqual([]);
    await page.locator('form[data-part="nps"] input[name="mostrador-nps"]').nth(9).check();
    await page.locator('form[data-part="nps"] button[type="submit"]').click();
    await page.locator('[data-part="nps-thanks"]').waitFor();
    expect.soft(await axeViolations(page, WIDGET), 'NPS thanks').toEqual([]);

    // A new chat: the ended one above it; on the next page, loaded on demand.
    await send(page, `Una altra pregunta ${language}`);
    await page.locator('[data-part="earlier-thread"]').waitFor();
    expect.soft(await axeViolations(page, WIDGET), 'earlier conversation above the next').toEqual([]);
    await page.goto(`${shop.server.url}/shop/cart`);
    await page.locator('button[data-part="load-earlier"]').click();
    await page.locator('[data-part="earlier-thread"]').waitFor();
    expect.soft(await axeViolations(page, WIDGET), 'earlier conversations loaded').toEqual([]);
    await page.locator('button[data-part="end-chat"]').click();
    await page.locator('form[data-part="rating"]').waitFor();
    await context.close();
    await agent.context().close();
    await shop.server.app.services.sites.update(siteId, { npsEnabled: false });
  }, 60_000);

  it('a file uploading with its progress, and a picture and a file received', async () => {
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const { context, page } = await shopperIn(shop.browser, language);
    await openPanel(page, language);
    const first = `Fitxers ${language}`;

    // The upload is held on its way, so the progress bar and its cancel button stay in view.
    let release = () => {};
    await page.route(
      (url) => url.pathname === '/api/visitor/attachments',
      (route) => void (release = () => void route.continue()),
    );
    await page
      .locator('input[data-part="file-input"]')
      .setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: await drawPng(page) });
    await page.locator('[data-part="file-progress"]').waitFor();
    expect.soft(await axeViolations(page, WIDGET), 'a file uploading').toEqual([]);
    release();
    await page.locator('[data-part="pending-file"][data-state="ready"]').waitFor();
    expect.soft(await axeViolations(page, WIDGET), 'a file ready to send').toEqual([]);
    await send(page, first);
    await page.locator('[data-part="message"][data-status="sent"] [data-part="attachment-image"] img').waitFor();

    // The agent answers with a picture and a PDF.
    await agent.locator('button[data-part="tab"][data-view="all"]').click();
    await agent.locator('[data-part="conversation-row"]', { hasText: first }).click();
    const pane = agent.locator('[data-part="conversation"]', { hasText: first });
    await pane.locator('input[data-part="file-input"]').setInputFiles([
      { name: 'mida.png', mimeType: 'image/png', buffer: await drawPng(agent) },
      { name: 'factura.pdf', mimeType: 'application/pdf', buffer: PDF },
    ]);
    await expect.poll(() => pane.locator('[data-part="pending-files"] [data-state="ready"]').count()).toBe(2);
    await pane.locator('button[data-part="send"]').click();
    const reply = page.locator('[data-part="message"][data-author="agent"]');
    await reply.locator('[data-part="attachment-file"]').waitFor();
    await expect
      .poll(() => reply.locator('[data-part="attachment-image"] img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(48);
    expect.soft(await axeViolations(page, WIDGET), 'a picture and a file received').toEqual([]);
    await context.close();
    await agent.context().close();
  }, 60_000);

  it('the sheet on a phone (390×844)', async () => {
    const { context, page } = await shopperIn(shop.browser, language, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await page.goto(`${shop.server.url}/shop/`);
    await page.locator('button[data-part="launcher"]').tap();
    await page.locator('textarea[data-part="composer"]').waitFor();
    expect.soft(await axeViolations(page, WIDGET), 'phone sheet').toEqual([]);
    await send(page, `Des del mòbil ${language}`);
    expect.soft(await axeViolations(page, WIDGET), 'phone sheet, with a message').toEqual([]);
    await context.close();
  });
});
