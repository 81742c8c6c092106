import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadMail, seedDemo } from '@mostrador/server';
import { startTestServer, type TestServer } from '@mostrador/server/testing';
import { axeViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

let server: TestServer;
let browser: Browser;
let email: string;
const password = 'browser-mail-pass';

beforeAll(async () => {
  // No SMTP server: the demo's local mailbox, with the mail worker passing often.
  server = await startTestServer({ mail: { ...loadMail({}, 0), smtp: null, workerIntervalMs: 100 } });
  ({ email } = await seedDemo(server.app.services, { shopUrl: server.url, password }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the transcript by email, in the demo', () => {
  it('a shopper ends the chat and asks for the transcript; the admin reads it in the mailbox page, which axe finds nothing in', async () => {
    const shopper = await shopperSays(browser, `${server.url}/shop/`, 'Teniu la talla M del jersei?');
    await shopper.locator('button[data-part="end-chat"]').click();
    const offer = shopper.locator('form[data-part="transcript"]');
    await offer.locator('button[type="submit"]').click();
    await offer.locator('input[name="email"]').fill('anna@example.cat');
    expect(await axeViolations(shopper, '#mostrador-widget'), 'widget asking for the email').toEqual([]);
    await offer.locator('button[type="submit"]').click();
    await expect.poll(() => shopper.locator('[data-part="transcript-sent"]').textContent()).toContain('anna@example.cat');

    const admin = await agentLogsIn(browser, server.url, email, password);
    await admin.locator('button[data-part="nav-admin"]').click();
    await admin.locator('button[data-admin-tab="mailbox"]').click();
    const mail = admin.locator('.mailbox-mail').first();
    await mail.waitFor();
    expect(await mail.locator('dd').first().textContent()).toBe('anna@example.cat');
    expect(await mail.locator('.mailbox-text').textContent()).toContain('Teniu la talla M del jersei?');
    expect(await axeViolations(admin), 'admin mailbox').toEqual([]);
    await shopper.context().close();
    await admin.context().close();
  }, 90_000);
});
