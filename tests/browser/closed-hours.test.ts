import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

const WIDGET = '#mostrador-widget';
const shop = useDemoShop('closed-hours-pass');

describe('outside business hours', () => {
  it('tells the shopper when the shop opens in their own time, takes their email, and the chat waits in the console as a ticket', async () => {
    const { hours, sites } = shop.server.app.services;
    const siteId = sites.demoSite()!.id;
    const now = Date.now();
    // Open every day 09:00–18:00 in Madrid, but shut by a one-off closure from an hour ago to two days from now.
    const replaced = await hours.replace(siteId, {
      site: {
        timeZone: 'Europe/Madrid',
        weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, from: '09:00', to: '18:00' })),
        holidays: [],
        closures: [{ from: now - 3_600_000, to: now + 2 * 86_400_000 }],
      },
      departments: [],
    });
    expect(replaced.ok).toBe(true);
    const opensAt = hours.opensAt(siteId, null, Date.now());
    expect(opensAt).toBeGreaterThan(now + 2 * 86_400_000 - 1);
    // The shopper is in New York: the opening is told in their clock, not the shop's.
    const theirClock = new Intl.DateTimeFormat('ca-ES', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(opensAt!);

    const context = await shop.browser.newContext({
      viewport: { width: 1024, height: 760 },
      locale: 'ca-ES',
      timezoneId: 'America/New_York',
    });
    const shopper = await context.newPage();
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').click();
    const closed = shopper.locator('[data-part="closed"]');
    await closed.waitFor();
    expect(await closed.textContent()).toMatch(/^Som tancats\. Tornem .+ \(la teva hora\)\.$/);
    expect(await closed.textContent()).toContain(theirClock);
    // No queue place is promised while nobody can answer.
    expect(await shopper.locator('[data-part="queue"]').count()).toBe(0);

    await shopper.locator('textarea[data-part="composer"]').fill('Em podeu dir si arriba abans de dissabte?');
    await shopper.locator('button[data-part="send"]').click();
    await shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();
    const contactForm = shopper.locator('form[data-part="contact-form"]');
    await contactForm.locator('input[type="email"]').fill('marta@example.cat');
    await contactForm.locator('button[type="submit"]').click();
    await shopper.locator('[data-part="contact-saved"]').waitFor();
    expect(await axeViolations(shopper, WIDGET), 'widget closed, with the form answered').toEqual([]);
    await shopper.screenshot({ path: artifactPath('widget-closed-hours.png') });

    // An agent who logs in finds the chat waiting, marked as a ticket, with the shopper's words.
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    await agent.locator('button[data-part="tab"][data-view="queue"]').click();
    const row = agent.locator('[data-part="conversation-row"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.first().locator('[data-part="ticket"]').count()).toBe(1);
    await row.first().click();
    await expect
      .poll(() =>
        agent.locator('[data-part="conversation"] [data-part="message"][data-author="visitor"] [data-part="body"]').allTextContents(),
      )
      .toEqual(['Em podeu dir si arriba abans de dissabte?']);
    await context.close();
    await agent.context().close();
  }, 60_000);
});
