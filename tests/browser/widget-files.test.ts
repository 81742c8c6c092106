import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { drawPng, PDF } from './files.ts';
import { agentLogsIn } from './shop.ts';

const shop = useDemoShop('browser-test-pass');
const WIDGET = '#mostrador-widget';
/** Whether a picture has loaded, with the width it has. */
const loadedWidth = (img: ReturnType<Page['locator']>) => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth);

describe('files between a shopper on a phone and an agent', () => {
  it('the shopper sends a photo from the phone; the agent sees it and answers with a PDF the shopper opens', async () => {
    const context = await shop.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const shopper = await context.newPage();
    const chunks: string[] = [];
    shopper.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/widget/chunks/')) chunks.push(path.split('/').pop()!.split('-')[0]!);
    });
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').tap();
    await shopper.locator('textarea[data-part="composer"]').waitFor();
    // The files code is a chunk of its own, fetched on first use, not with the panel.
    expect(chunks).toEqual(['panel']);

    // The clip: a 44 px target, and a picker that offers the camera and the photo library (image/*).
    const clip = shopper.locator('button[data-part="attach"]');
    const box = (await clip.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    const input = shopper.locator('input[data-part="file-input"]');
    expect((await input.getAttribute('accept'))!.split(',')).toContain('image/*');
    const [chooser] = await Promise.all([shopper.waitForEvent('filechooser'), clip.tap()]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles({ name: 'paquet.png', mimeType: 'image/png', buffer: await drawPng(shopper) });
    await shopper.locator('[data-part="pending-file"][data-state="ready"]', { hasText: 'paquet.png' }).waitFor();
    expect(chunks).toEqual(['panel', 'files']);
    await shopper.locator('textarea[data-part="composer"]').fill('El paquet ha arribat obert');
    await shopper.locator('button[data-part="send"]').tap();

    const sent = shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]');
    await sent.waitFor();
    expect(await shopper.locator('[data-part="pending-files"]').count()).toBe(0);
    const thumb = sent.locator('[data-part="attachment-image"] img');
    await expect.poll(() => loadedWidth(thumb)).toBe(48);
    expect(await thumb.getAttribute('alt')).toBe('paquet.png');
    // The history loads the thumbnail (48 px: a small picture is not enlarged), not the full picture.
    expect(await thumb.getAttribute('src')).toContain('variant=thumb');

    // The agent sees the photo in the console.
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    await agent.locator('button[data-part="tab"][data-view="all"]').click();
    await agent.locator('[data-part="conversation-row"]', { hasText: 'El paquet ha arribat obert' }).click();
    const pane = agent.locator('[data-part="conversation"]', { hasText: 'El paquet ha arribat obert' });
    // In the message (the visitor panel's Files list shows it too).
    const agentThumb = pane.locator('[data-part="message"] [data-part="attachment-image"] img');
    await expect.poll(() => loadedWidth(agentThumb)).toBe(48);
    expect(await agentThumb.getAttribute('src')).toContain('variant=thumb');
    expect(await pane.locator('[data-part="visitor-panel"] [data-part="attachment-image"]').count()).toBe(1);

    // It answers with a PDF and no words.
    await pane
      .locator('input[data-part="file-input"]')
      .setInputFiles({ name: 'etiqueta-devolucio.pdf', mimeType: 'application/pdf', buffer: PDF });
    await pane.locator('[data-part="pending-files"] [data-state="ready"]').waitFor();
    await pane.locator('button[data-part="send"]').click();

    // The shopper sees its card: name, type and size, no empty bubble.
    const reply = shopper.locator('[data-part="message"][data-author="agent"]', { has: shopper.locator('[data-part="attachment-file"]') });
    const card = reply.locator('[data-part="attachment-file"]');
    await card.waitFor();
    expect(await reply.locator('[data-part="body"]').count()).toBe(0);
    expect(await card.textContent()).toBe(`etiqueta-devolucio.pdfPDF · ${PDF.length} B (s’obre en una pestanya nova)`);
    expect(await card.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await axeViolations(shopper, WIDGET), 'a photo sent and a PDF received, on a phone').toEqual([]);
    await shopper.screenshot({ path: artifactPath('widget-files-phone.png') });

    // Opening it: a new tab that gets the file itself, as a download.
    const file = context.waitForEvent('response', (response) => new URL(response.url()).pathname.startsWith('/api/files/'));
    await card.tap();
    const response = await file;
    expect(response.status()).toBe(200);
    // Read at once: the download's tab closes with it.
    const headers = response.headers();
    expect(headers['content-disposition']).toMatch(/^attachment; filename="etiqueta-devolucio.pdf"/);
    expect(headers['content-type']).toBe('application/pdf');
    // The bytes are counted, not read, for the same reason.
    expect(headers['content-length']).toBe(String(PDF.length));

    await context.close();
    await agent.context().close();
  }, 90_000);

  it('keeps a photo picked but not sent through a change of page, then sends it; one removed is gone from the server', async () => {
    const context = await shop.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const shopper = await context.newPage();
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').tap();
    const input = shopper.locator('input[data-part="file-input"]');
    await input.waitFor({ state: 'attached' });
    await input.setInputFiles([
      { name: 'guarda.png', mimeType: 'image/png', buffer: await drawPng(shopper) },
      { name: 'treu.png', mimeType: 'image/png', buffer: await drawPng(shopper) },
    ]);
    await shopper.locator('[data-part="pending-file"][data-state="ready"]', { hasText: 'treu.png' }).waitFor();
    await shopper.locator('[data-part="pending-file"][data-state="ready"]', { hasText: 'guarda.png' }).waitFor();
    const removed = shopper.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/api/visitor/attachments/'));
    await shopper.locator('[data-part="pending-file"]', { hasText: 'treu.png' }).locator('[data-part="file-remove"]').tap();
    expect((await removed).status()).toBe(204);

    // Another page of the shop, the same tab: the photo is still there, ready, and goes with the next message.
    // (The panel stays open across pages.)
    await shopper.goto(`${shop.server.url}/shop/?page=2`);
    const kept = shopper.locator('[data-part="pending-file"][data-state="ready"]');
    await kept.waitFor();
    expect(await kept.allTextContents()).toEqual([expect.stringContaining('guarda.png')]);
    await shopper.locator('textarea[data-part="composer"]').fill('Aquesta és la foto');
    await shopper.locator('button[data-part="send"]').tap();
    const sent = shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]', { hasText: 'Aquesta és la foto' });
    await expect.poll(() => loadedWidth(sent.locator('[data-part="attachment-image"] img'))).toBe(48);
    expect(await shopper.locator('[data-part="pending-files"]').count()).toBe(0);
    await context.close();
  }, 90_000);

  it('sends a file the shopper was still uploading when they moved to another page, from the bytes the tab kept', async () => {
    const context = await shop.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopper = await context.newPage();
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').click();
    const input = shopper.locator('input[data-part="file-input"]');
    await input.waitFor({ state: 'attached' });
    // A slow connection: this page's upload never gets an answer.
    let held = 0;
    await shopper.route('**/api/visitor/attachments?**', () => void (held += 1));
    await input.setInputFiles({ name: 'factura.pdf', mimeType: 'application/pdf', buffer: PDF });
    await shopper.locator('[data-part="pending-file"][data-state="uploading"]', { hasText: 'factura.pdf' }).waitFor();
    await expect.poll(() => held).toBe(1);
    await expect
      .poll(() =>
        shopper.evaluate(
          () =>
            new Promise((resolve) => {
              const open = indexedDB.open(
                Object.keys(sessionStorage)
                  .find((key) => key.endsWith(':files'))!
                  .replace(/^/, 'mostrador:'),
              );
              open.onsuccess = () => {
                const count = open.result.transaction('uploads').objectStore('uploads').count();
                count.onsuccess = () => resolve(count.result);
              };
              open.onerror = () => resolve(-1);
            }),
        ),
      )
      .toBe(1);

    // The shopper moves on mid-upload; the next page of the shop, the same tab, sends it again and it arrives.
    await shopper.unroute('**/api/visitor/attachments?**');
    await shopper.goto(`${shop.server.url}/shop/?page=2`);
    await shopper.locator('[data-part="pending-file"][data-state="ready"]', { hasText: 'factura.pdf' }).waitFor();
    await shopper.locator('textarea[data-part="composer"]').fill('La factura');
    await shopper.locator('button[data-part="send"]').click();
    const sent = shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]', { hasText: 'La factura' });
    await sent.locator('[data-part="attachment-file"]', { hasText: 'factura.pdf' }).waitFor();
    expect(await shopper.locator('[data-part="pending-files"]').count()).toBe(0);
    await context.close();
  }, 90_000);
});
