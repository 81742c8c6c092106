import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '@mostrador/server';
import { startTestServer, type TestConfig, type TestServer } from '@mostrador/server/testing';
import { launchChromium } from './chromium.ts';

export interface DemoShop {
  server: TestServer;
  browser: Browser;
  /** The demo agent's login. */
  email: string;
  password: string;
}

/**
 * A real server with the demo shop seeded, and Chromium, for one test file:
 * started before its tests and stopped after them. Read the fields inside tests. The demo's four weeks of
 * history are in, unless `seed.history` is false.
 */
export function useDemoShop(password: string, config: TestConfig = {}, seed: { history?: boolean } = {}): DemoShop {
  const shop = { password } as DemoShop;
  beforeAll(async () => {
    shop.server = await startTestServer(config);
    ({ email: shop.email } = await seedDemo(shop.server.app.services, { shopUrl: shop.server.url, password, ...seed }));
    shop.browser = await launchChromium();
  });
  afterAll(async () => {
    await shop.browser?.close();
    await shop.server?.close();
  });
  return shop;
}

/** Logs the demo agent in to the console, on `page`. */
export async function logInAgent(shop: DemoShop, page: Page): Promise<void> {
  await page.goto(`${shop.server.url}/console/`);
  await page.locator('input[name="email"]').fill(shop.email);
  await page.locator('input[name="password"]').fill(shop.password);
  await page.locator('button[type="submit"]').click();
}
