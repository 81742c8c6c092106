import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

// The demo shop as `pnpm start` seeds it, with its four weeks of history.
const shop = useDemoShop('history-pass');

describe('the demo shop’s history', () => {
  it('fills the Reports page for the last 30 days and the closed inbox, with nothing left open', async () => {
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    // Nothing of the history is open: the queue and Laia's own chats start empty, as on a new install.
    expect(await agent.locator('[data-part="conversation-row"]').count()).toBe(0);
    await agent.locator('button[data-part="tab"][data-view="closed"]').click();
    const closedRows = agent.locator('[data-part="conversation-row"]');
    await expect.poll(() => closedRows.count()).toBeGreaterThan(10);
    expect(await closedRows.first().textContent()).toContain('Demo: ');

    await agent.locator('button[data-part="nav-reports"]').click();
    await agent.locator('.report-chart canvas').first().waitFor();
    const last30 = agent.locator('.report-presets button').nth(2);
    await last30.click();
    await expect.poll(() => last30.getAttribute('aria-pressed')).toBe('true');
    const card = (id: string) => agent.locator(`[data-figure="${id}"] .report-card-value`).textContent();
    await expect.poll(async () => Number(await card('conversations'))).toBeGreaterThanOrEqual(140);
    for (const id of ['frt', 'csat', 'nps', 'chatConversion', 'baselineConversion']) expect(await card(id), id).not.toBe('—');
    // Chats on most of the 30 days (the history ends yesterday).
    const days = await agent
      .locator('[data-chart="volume"] .report-data .report-table tbody tr')
      .evaluateAll((rows) => rows.map((row) => Number(row.querySelector('td')?.textContent ?? '0')));
    expect(days).toHaveLength(30);
    expect(days.filter((n) => n > 0).length).toBeGreaterThanOrEqual(24);
    expect(await agent.locator('.report-table th[scope="row"]', { hasText: 'Jordi' }).count()).toBeGreaterThan(0);
    expect(await axeViolations(agent), 'reports with four weeks of history').toEqual([]);
    await agent.screenshot({ path: artifactPath('reports-demo-history.png'), fullPage: true });
    await agent.context().close();
  }, 90_000);
});
