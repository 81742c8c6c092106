import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

const shop = useDemoShop('browser-test-pass');

describe('an admin’s privacy tools in the console', () => {
  it('exports a shopper’s data as a file, erases them, and finds the erasure in the audit log', async () => {
    const shopper = await shopperSays(shop.browser, `${shop.server.url}/shop/`, 'Esborreu-me, si us plau: Xerinola-4417');
    const admin = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const row = admin.locator('[data-part="conversation-row"]', { hasText: 'Xerinola-4417' });
    await expect.poll(() => row.count()).toBe(1);
    await row.click();
    const panel = admin.locator('[data-part="conversation"] [data-part="visitor-panel"][data-phase="ready"]');
    await panel.waitFor();

    // The export downloads as a named JSON file holding the shopper's words.
    const [download] = await Promise.all([admin.waitForEvent('download'), panel.locator('[data-part="export-visitor"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^mostrador-visitor-vis_[\w-]+\.json$/);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { data: Record<string, unknown[]> };
    expect(JSON.stringify(exported.data.conversation_events)).toContain('Xerinola-4417');

    // Erasing asks first; then the chat leaves the console and the shopper's widget is cut off.
    await panel.locator('[data-part="erase-visitor"]').click();
    const dialog = admin.locator('[data-part="erase-dialog"]');
    expect(await dialog.locator('h3').textContent()).toMatch(/^Erase .+ for good\?$/);
    await dialog.locator('button[data-part="confirm"]').click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => admin.locator('[data-part="conversation"]').count()).toBe(0);
    expect(
      await shop.server.app.sqlite.prepare("SELECT count(*) AS n FROM conversation_events WHERE body LIKE '%Xerinola%'").get(),
    ).toEqual({ n: 0 });

    // The audit log names the admin and the action, not the shopper.
    await admin.locator('[data-part="nav-admin"]').click();
    await admin.locator('button[data-admin-tab="privacy"]').click();
    const entries = admin.locator('[data-part="audit-table"] tbody tr');
    await expect.poll(() => entries.first().getAttribute('data-action')).toBe('privacy.erased');
    expect(await entries.nth(1).getAttribute('data-action')).toBe('privacy.exported');
    expect(await admin.locator('[data-part="audit-table"]').textContent()).not.toContain('Xerinola');
    await shopper.context().close();
  });
});
