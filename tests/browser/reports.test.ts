import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

// Without the demo's history: this page counts exactly the chats its shoppers start (reports-history.test.ts reads the history).
const shop = useDemoShop('browser-test-pass', {}, { history: false });

describe('the Reports page', () => {
  it('loads uPlot only when opened, counts today’s chat, works by keyboard and is axe-clean in ca, es and en', async () => {
    const shopper = await shopperSays(shop.browser, `${shop.server.url}/shop/`, 'Hola, teniu talles grans?');
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const chunks: string[] = [];
    agent.on('request', (request) => {
      if (/dayPlot/.test(request.url())) chunks.push(request.url());
    });
    await agent.locator('[data-part="conversation-row"]').first().waitFor();
    expect(chunks, 'the inbox does not load the charting library').toEqual([]);

    // By keyboard: focus the nav button and press Enter; the focus stays on the same button in the new screen.
    await agent.locator('button[data-part="nav-reports"]').focus();
    await agent.keyboard.press('Enter');
    await agent.locator('.reports-shell h1').waitFor();
    await expect.poll(() => agent.evaluate(() => document.activeElement?.getAttribute('data-part'))).toBe('nav-reports');
    await agent.locator('.report-chart canvas').first().waitFor();
    expect(chunks.length).toBeGreaterThan(0);
    await expect.poll(() => agent.locator('[data-figure="conversations"] .report-card-value').textContent()).toBe('1');
    // Live now, at the top, over the console's socket. The first shopper wrote before anyone was online: a
    // ticket, not a chat in progress. A second one writes now, and the page hears of it without asking.
    const live = (id: string) => agent.locator(`[data-live="${id}"] .report-live-value`).textContent();
    await expect.poll(() => live('agentsOnline')).toBe('1');
    expect([await live('inProgress'), await live('queued')]).toEqual(['0', '0']);
    // That ticket is open, and waits on the team: nobody has answered it.
    expect([await live('ticketsOpen'), await live('ticketsWaiting')]).toEqual(['1', '1']);
    const second = await shopperSays(shop.browser, `${shop.server.url}/shop/`, 'I una altra pregunta');
    await expect.poll(() => live('inProgress')).toBe('1');
    await second.context().close();
    // Against the previous 7 days, which had no conversation: no percentage of nothing.
    expect(await agent.locator('[data-figure="conversations"] .report-card-change .visually-hidden').textContent()).toBe(
      'No comparison with the previous 7 days',
    );
    // The shopper chatted and bought nothing: no conversion after the chat, said to be correlation, not proof.
    expect(await agent.locator('[data-figure="chatConversion"] .report-card-value').textContent()).toBe('0%');
    expect(await agent.locator('[data-figure="chatConversion"]').getAttribute('title')).toContain('not proof');

    // Today, chosen with the keyboard: the same conversation, one day row.
    await agent.locator('.report-presets button').first().focus();
    await agent.keyboard.press('Enter');
    await expect.poll(() => agent.locator('[data-chart="volume"] .report-data .report-table tbody tr').count()).toBe(1);
    expect(await agent.locator('.report-presets button').first().getAttribute('aria-pressed')).toBe('true');
    await agent.locator('[data-chart="volume"] .report-data summary').focus();
    await agent.keyboard.press('Enter');
    expect(await agent.locator('[data-chart="volume"] .report-data').getAttribute('open')).not.toBeNull();

    const download = (kind: string) =>
      agent.evaluate(async (selector) => {
        const href = document.querySelector<HTMLAnchorElement>(selector)!.href;
        return (await fetch(href)).text();
      }, `a[data-csv="${kind}"]`);
    // Today's row: both shoppers' conversations, both started by the visitor.
    expect((await download('days')).split('\r\n')[1]).toMatch(/^\d{4}-\d{2}-\d{2},2,2,/);
    // One row per agent (and one for nobody): the conversations add up to the same two.
    const [header, ...agentRows] = (await download('agents')).trim().split('\r\n');
    expect(header).toMatch(/^agentId,agentName,conversations,/);
    expect(agentRows.reduce((sum, row) => sum + Number(row.split(',')[2]), 0)).toBe(2);
    // The distributions, raw and in business hours: nobody has answered yet, so no first response in any bucket.
    expect(await agent.locator('[data-distribution="frt"] tbody td').allTextContents()).toEqual(Array.from({ length: 14 }, () => '0'));

    // Live now follows the page's filters: no conversation was started by an agent. Agents online cannot follow
    // that filter, and the page says so (the note is on screen for the axe runs below).
    await agent.getByLabel('Started by').selectOption('agent');
    await agent.locator('.reports-main form button[type="submit"]').click();
    await expect.poll(() => live('ticketsOpen')).toBe('0');
    expect([await live('inProgress'), await live('agentsOnline')]).toEqual(['0', '1']);
    expect(await agent.locator('[data-part="live-filters"] li').allTextContents()).toEqual([
      'Agents online does not follow the “started by” filter: it is about chats, not agents.',
    ]);

    for (const language of ['ca', 'es', 'en']) {
      await agent.locator('.reports-shell .language-select select').selectOption(language);
      await expect.poll(() => agent.evaluate(() => document.documentElement.lang)).toBe(language);
      await agent.locator('.report-cards').first().waitFor();
      expect(await axeViolations(agent), `reports in ${language}`).toEqual([]);
    }
    await shopper.context().close();
    await agent.context().close();
  }, 90_000);
});
