import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedDemo } from '@mostrador/server';
import { addAgent, startTestServer, type TestServer } from '@mostrador/server/testing';
import { artifactPath, launchChromium } from './chromium.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  const { site } = await seedDemo(server.app.services, { shopUrl: server.url, password: 'unused-password' });
  // One agent with room for one chat, on the demo site.
  server.siteKey = site.key;
  await addAgent(server, { email: 'solo@demo.example', name: 'Solo', capacity: 1 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the queue in the widget', () => {
  it('shows the shopper’s place in line and moves it down as chats free up', async () => {
    const agent = await agentLogsIn(browser, server.url, 'solo@demo.example', 'correct horse battery');
    const first = await shopperSays(browser, `${server.url}/shop/`, 'Primer');
    const second = await shopperSays(browser, `${server.url}/shop/cart`, 'Segon');
    const third = await shopperSays(browser, `${server.url}/shop/`, 'Tercer');

    const place = (page: typeof first) => page.locator('[data-part="queue"]').getAttribute('data-position');
    await expect.poll(() => place(second)).toBe('1');
    await expect.poll(() => place(third)).toBe('2');
    expect(await third.locator('[data-part="queue"]').textContent()).toMatch(/2/);
    expect(await first.locator('[data-part="queue"]').count()).toBe(0);
    await third.screenshot({ path: artifactPath('widget-queue-place.png') });

    // The agent finishes the first chat: the second shopper gets the agent, the third moves up.
    await agent.locator('[data-part="conversation-row"]').first().click();
    await agent.locator('[data-part="conversation"] button[data-part="close"]').click();
    await expect.poll(() => second.locator('[data-part="queue"]').count()).toBe(0);
    await second.locator('[data-part="message"][data-event="joined"]').waitFor();
    await expect.poll(() => place(third)).toBe('1');
  });
});
