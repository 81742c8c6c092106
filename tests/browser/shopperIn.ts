import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/**
 * A shopper whose shop page is in `language`: the demo shop's markup says
 * Catalan, and an init script (run by the browser, outside the page's CSP)
 * rewrites <html lang> as the parser creates it, before the widget reads it.
 * (Fulfilling a rewritten page from the test would make Chromium treat it as
 * a public page and block its connection to the loopback chat server.)
 */
export async function shopperIn(
  browser: Browser,
  language: string,
  options: BrowserContextOptions = { viewport: { width: 1280, height: 800 } },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  await context.addInitScript((lang) => {
    new MutationObserver((_records, observer) => {
      if (!document.documentElement) return;
      document.documentElement.lang = lang;
      observer.disconnect();
    }).observe(document, { childList: true });
  }, language);
  return { context, page: await context.newPage() };
}
