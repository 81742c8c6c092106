import type { Browser, Page } from 'playwright-core';

/** Opens a demo shop page as a new shopper (own context, so own identity) and sends a first message. */
export async function shopperSays(browser: Browser, url: string, text: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1024, height: 760 } })).newPage();
  await page.goto(url);
  await page.locator('button[data-part="launcher"]').click();
  await page.locator('textarea[data-part="composer"]').fill(text);
  await page.locator('button[data-part="send"]').click();
  await page.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();
  return page;
}

/** Logs an agent into the console in its own context. */
export async function agentLogsIn(browser: Browser, url: string, email: string, password: string, width = 1440): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  await page.goto(`${url}/console/`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.locator('button[data-part="tab"][data-view="mine"]').waitFor();
  return page;
}
