import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportSummary, TriggerReportBody } from '@mostrador/shared';
import type { App } from '../../app.ts';
import { insertRows } from '../../testing/engines.ts';
import { buildTestApp, siteWithAdminAndAgent } from '../../testing/harness.ts';

let app: App;
let cleanup: () => Promise<void>;

/** Noon on 10 December 2026, UTC: the trigger report's "now". Only the clock is faked; timers run. */
const NOW = Date.UTC(2026, 11, 10, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  ({ app, cleanup } = await buildTestApp({ statusSweepMs: 0 }));
});
afterEach(async () => {
  await cleanup();
  vi.useRealTimers();
});

/**
 * A shopper: first seen at `seenAt`, with a conversation opened by a message at `chatAt` (a rule's invitation
 * started it when `ruleId` is given), and purchases at the given moments.
 */
async function shopper(siteId: string, seenAt: number, chat: { at: number; ruleId?: string } | null, bought: Array<[number, number]>) {
  const { visitor } = await app.services.visitors.identify(siteId, undefined);
  await insertRows(app.engine, 'pageViews', [
    { visitorId: visitor.id, url: 'https://shop.example/', title: 'Shop', referrer: '', startedAt: seenAt, seconds: 30 },
  ]);
  const purchases = bought.map(([at, total]) => ({ visitorId: visitor.id, at, change: 'purchase' as const, total, currency: 'EUR' }));
  await insertRows(app.engine, 'cartEvents', purchases);
  if (!chat) return;
  const id = `cnv_${visitor.id.slice(-8)}`;
  const origin = chat.ruleId ? ('trigger' as const) : ('visitor' as const);
  const common = { siteId, visitorId: visitor.id, visitorLabel: visitor.label, status: 'open' as const, lastSeq: 1 };
  await insertRows(app.engine, 'conversations', [{ id, ...common, origin, createdAt: chat.at, updatedAt: chat.at }]);
  await insertRows(app.engine, 'conversationEvents', [
    { conversationId: id, seq: 1, createdAt: chat.at, type: 'message', authorKind: 'visitor', body: 'Hola' },
  ]);
  if (chat.ruleId) {
    const firing = { siteId, ruleId: chat.ruleId, visitorId: visitor.id, outcome: 'fired' as const, conversationId: id };
    await insertRows(app.engine, 'triggerFirings', [{ ...firing, firingId: `f_${id}`, at: chat.at - 60_000 }]);
  }
}

describe('the trigger report’s conversions', () => {
  it('are the Reports summary’s conversions per rule, by the same computation, beside chats no rule started and the baseline', async () => {
    const { site, admin, plain } = await siteWithAdminAndAgent(app);
    const [welcome, cart] = app.services.triggers.list(site.id);
    // Two chats the first rule started (one buys 40 € within three days, one buys after them: too late), one the
    // second rule started (buys nothing), one nobody invited (buys 12 €), and two visitors who never chatted (one buys 30 €).
    await shopper(site.id, NOW - 5 * DAY, { at: NOW - 5 * DAY + HOUR, ruleId: welcome!.id }, [[NOW - 4 * DAY, 40]]);
    await shopper(site.id, NOW - 6 * DAY, { at: NOW - 6 * DAY + HOUR, ruleId: welcome!.id }, [[NOW - 2 * DAY, 99]]);
    await shopper(site.id, NOW - 3 * DAY, { at: NOW - 3 * DAY + HOUR, ruleId: cart!.id }, []);
    await shopper(site.id, NOW - 2 * DAY, { at: NOW - 2 * DAY + HOUR }, [[NOW - DAY, 12]]);
    await shopper(site.id, NOW - 4 * DAY, null, [[NOW - 3 * DAY, 30]]);
    await shopper(site.id, NOW - 4 * DAY, null, []);
    // Another shop's chat from the same rule id and purchase: never counted.
    const other = await app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] });
    await shopper(other.id, NOW - 5 * DAY, { at: NOW - 5 * DAY + HOUR, ruleId: welcome!.id }, [[NOW - 4 * DAY, 1000]]);

    const res = await app.inject({ method: 'GET', url: '/api/admin/triggers/report?days=7', cookies: admin });
    expect(res.statusCode).toBe(200);
    const report = res.json() as TriggerReportBody;
    const figure = (visitors: number, converted: number, amount: number, conversionRate: number | null) => ({
      visitors,
      checkouts: converted,
      converted,
      purchases: converted,
      revenue: amount ? [{ currency: 'EUR', amount }] : [],
      conversionRate,
    });
    const row = (ruleId: string) => report.rows.find((r) => r.ruleId === ruleId);
    expect(report.attributionDays).toBe(3);
    expect(row(welcome!.id)).toMatchObject({ fired: 2, conversions: figure(2, 1, 40, 50) });
    expect(row(cart!.id)).toMatchObject({ fired: 1, conversions: figure(1, 0, 0, 0) });
    expect(report.withoutTrigger).toEqual(figure(1, 1, 12, 100));
    expect(report.baseline).toEqual(figure(2, 1, 30, 50));

    // The Reports summary over the same days says the same, rule by rule: one definition.
    const summary = (
      await app.inject({ method: 'GET', url: '/api/admin/reports/summary?from=2026-12-03&to=2026-12-10&timeZone=UTC', cookies: admin })
    ).json() as ReportSummary;
    for (const { id, name: _name, ...conversions } of summary.revenue.byTrigger)
      expect(id === null ? report.withoutTrigger : row(id)?.conversions).toEqual(conversions);
    expect(report.baseline).toEqual(summary.revenue.baseline);

    // A longer window counts the late purchase; the window is the Reports' own (at most 30 days); agents are refused.
    const longer = (await app.inject({ method: 'GET', url: '/api/admin/triggers/report?days=7&attributionDays=5', cookies: admin })).json();
    expect((longer as TriggerReportBody).rows.find((r) => r.ruleId === welcome!.id)?.conversions).toEqual(figure(2, 2, 139, 100));
    const tooLong = await app.inject({ method: 'GET', url: '/api/admin/triggers/report?attributionDays=31', cookies: admin });
    expect([tooLong.statusCode, tooLong.json().error.code]).toEqual([400, 'invalid_payload']);
    expect((await app.inject({ method: 'GET', url: '/api/admin/triggers/report', cookies: plain })).statusCode).toBe(403);
  });
});
