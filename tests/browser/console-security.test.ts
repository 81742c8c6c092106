import { describe, expect, it } from 'vitest';
import { useDemoShop } from './demoShop.ts';

const shop = useDemoShop('browser-security-pass');

describe('the console under its strict CSP', () => {
  it('logs in, shows the inbox and logs out with no policy violation and no error', async () => {
    const context = await shop.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    // Failed loads are expected here (the session check before login, no favicon); any other error is not.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    const failed: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) failed.push(`${res.status()} ${new URL(res.url()).pathname}`);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    // Runs before the page's own code, through the debugger, so the CSP does not apply to it.
    await page.addInitScript(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });

    const response = await page.goto(`${shop.server.url}/console/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('input[name="email"]').fill(shop.email);
    await page.locator('input[name="password"]').fill(shop.password);
    await page.locator('button[type="submit"]').click();
    await page.locator('.agent-name').waitFor();
    await page.locator('button[data-part="nav-visitors"]').click();
    await expect.poll(() => page.locator('button[data-part="nav-visitors"]').getAttribute('aria-current')).toBe('page');

    // Logging out is a state-changing call: the console's own origin passes the cross-site guard.
    await page.locator('.app-header-tools button.button').last().click();
    await page.locator('input[name="email"]').waitFor();

    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(errors).toEqual([]);
    expect(failed.filter((f) => f !== '401 /api/auth/me' && f !== '404 /favicon.ico')).toEqual([]);
    await context.close();
  });
});
