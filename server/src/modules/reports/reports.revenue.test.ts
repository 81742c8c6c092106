import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportSummary } from '@mostrador/shared';
import type { App } from '../../app.ts';
import type { conversations } from '../../db/schema.ts';
import { buildTestApp, siteWithAdminAndAgent, sqlOn } from '../../testing/harness.ts';
import { insertRows } from '../../testing/engines.ts';

let app: App;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({ statusSweepMs: 0 }));
});
afterEach(() => cleanup());

/** A wall time in Madrid in December 2026 (UTC+1). */
const t = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);
const DAY = 86_400_000;

/** A visitor of the site who saw a page at `seenAt` and reached checkout or bought as `events` lists (a purchase unless said). */
async function shopper(siteId: string, seenAt: number | null, events: [number, number, string, ('checkout' | 'purchase')?][] = []) {
  const { visitor } = await app.services.visitors.identify(siteId, undefined);
  if (seenAt !== null)
    await insertRows(app.engine, 'pageViews', [
      { visitorId: visitor.id, url: 'https://shop.example/', title: 'Shop', referrer: '', startedAt: seenAt, seconds: 30 },
    ]);
  for (const [at, total, currency, change = 'purchase'] of events)
    await insertRows(app.engine, 'cartEvents', [{ visitorId: visitor.id, at, change, total, currency }]);
  return visitor;
}

/** A conversation the visitor opened with one message at `at`, as the conversations module would have written it. */
async function chatBy(
  siteId: string,
  id: string,
  visitor: { id: string; label: string },
  at: number,
  row: Partial<typeof conversations.$inferInsert>,
) {
  await insertRows(app.engine, 'conversations', [
    {
      id,
      siteId,
      visitorId: visitor.id,
      visitorLabel: visitor.label,
      status: 'open',
      lastSeq: 1,
      createdAt: at,
      updatedAt: at,
      ...row,
    },
  ]);
  await insertRows(app.engine, 'conversationEvents', [
    { conversationId: id, seq: 1, createdAt: at, type: 'message', authorKind: 'visitor', body: 'Hola' },
  ]);
}

async function seedShop() {
  const { site, admin } = await siteWithAdminAndAgent(app);
  const idOf = async (email: string) => (await sqlOn(app.engine).one<{ id: string }>('SELECT id FROM agents WHERE email = ?', email)).id;
  await app.services.hours.replace(site.id, {
    site: { timeZone: 'Europe/Madrid', weekly: [], holidays: [], closures: [] },
    departments: [],
  });
  await insertRows(app.engine, 'departments', [
    { id: 'dep_sales', siteId: site.id, slug: 'sales', name: 'Sales', routing: 'auto', createdAt: 0 },
  ]);
  const rule = app.services.triggers.list(site.id)[0]!;
  // v1 chats with Admin in Sales, buys 40 € the next day and 15 $ two days later; 25 € a millisecond after three days is too late.
  const v1 = await shopper(site.id, t(7, 9), [
    [t(8, 12), 40, 'EUR'],
    [t(9, 10), 15, 'USD'],
    [t(7, 10) + 3 * DAY + 1, 25, 'EUR'],
  ]);
  await chatBy(site.id, 'cnv_1', v1, t(7, 10), { assigneeId: await idOf('admin@shop.example'), departmentId: 'dep_sales' });
  // v2 answers a trigger's invitation, chats with Plain, buys nothing.
  const v2 = await shopper(site.id, t(8, 15), [[t(9, 10), 80, 'EUR', 'checkout']]);
  await chatBy(site.id, 'cnv_2', v2, t(8, 16), { assigneeId: await idOf('plain@shop.example'), origin: 'trigger' });
  await insertRows(app.engine, 'triggerFirings', [
    {
      siteId: site.id,
      ruleId: rule.id,
      visitorId: v2.id,
      firingId: 'f1',
      outcome: 'fired',
      at: t(8, 15, 30),
      conversationId: 'cnv_2',
    },
  ]);
  // The baseline: v3 buys 30 € a day after their first page view, v4 nothing.
  await shopper(site.id, t(7, 9), [[t(8, 9), 30, 'EUR']]);
  await shopper(site.id, t(8, 11));
  // Another shop's visitor, chat and purchase on the same days are never counted.
  const other = await app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] });
  const foreign = await shopper(other.id, t(7, 9), [
    [t(7, 11), 1000, 'EUR'],
    [t(7, 10, 30), 1000, 'EUR', 'checkout'],
  ]);
  await chatBy(other.id, 'cnv_other', foreign, t(7, 10), {});
  await shopper(other.id, t(7, 9), [[t(7, 12), 1000, 'EUR']]);
  return { admin, rule, adminId: await idOf('admin@shop.example'), plainId: await idOf('plain@shop.example') };
}

const get = (url: string, cookies: Record<string, string>) => app.inject({ method: 'GET', url, cookies });
/** A figure; every buyer reached checkout, so checkouts are the converted unless said otherwise. */
const figure = (
  visitors: number,
  converted: number,
  purchases: number,
  revenue: [string, number][],
  conversionRate: number | null,
  checkouts = converted,
) => ({
  visitors,
  checkouts,
  converted,
  purchases,
  revenue: revenue.map(([currency, amount]) => ({ currency, amount })),
  conversionRate,
});

describe('revenue after chats', () => {
  it('compares purchases within three days of a chat with a baseline, per currency, per agent, department and trigger', async () => {
    const { admin, rule, adminId, plainId } = await seedShop();
    const res = await get('/api/admin/reports/summary?from=2026-12-07&to=2026-12-08', admin);
    expect(res.statusCode).toBe(200);
    const { revenue, byAgent, byDepartment } = res.json<ReportSummary>();
    const v1 = figure(
      1,
      1,
      2,
      [
        ['EUR', 40],
        ['USD', 15],
      ],
      100,
    );
    const v2 = figure(1, 0, 0, [], 0, 1);
    expect(revenue.attributionDays).toBe(3);
    expect(revenue.chat).toEqual(
      figure(
        2,
        1,
        2,
        [
          ['EUR', 40],
          ['USD', 15],
        ],
        50,
        2,
      ),
    );
    expect(revenue.baseline).toEqual(figure(2, 1, 1, [['EUR', 30]], 50));
    expect(new Map(byAgent.map((r) => [r.id, r.revenue]))).toEqual(
      new Map([
        [adminId, v1],
        [plainId, v2],
      ]),
    );
    expect(new Map(byDepartment.map((r) => [r.id, r.revenue]))).toEqual(
      new Map([
        ['dep_sales', v1],
        [null, v2],
      ]),
    );
    expect(revenue.byTrigger).toEqual([
      { id: null, name: null, ...v1 },
      { id: rule.id, name: rule.name, ...v2 },
    ]);
    expect(revenue.days.map((d) => [d.date, d.chat.visitors, d.baseline.visitors])).toEqual([
      ['2026-12-07', 1, 1],
      ['2026-12-08', 1, 1],
    ]);
  });

  it('narrows the chats to an agent’s or a department’s, and keeps the baseline site-wide', async () => {
    const { admin, plainId } = await seedShop();
    const plain = (await get(`/api/admin/reports/summary?from=2026-12-07&to=2026-12-08&agentId=${plainId}`, admin)).json<ReportSummary>();
    expect(plain.revenue.chat).toEqual(figure(1, 0, 0, [], 0, 1));
    expect(plain.revenue.baseline).toEqual(figure(2, 1, 1, [['EUR', 30]], 50));
    const sales = (
      await get('/api/admin/reports/summary?from=2026-12-07&to=2026-12-08&departmentId=dep_sales', admin)
    ).json<ReportSummary>();
    expect(sales.revenue.chat).toMatchObject({ visitors: 1, converted: 1, purchases: 2 });
    expect(sales.revenue.baseline.visitors).toBe(2);
  });

  it('takes the window from the query, both ends inclusive, and refuses one outside 1..30 days', async () => {
    const { admin } = await seedShop();
    const oneDay = (await get('/api/admin/reports/summary?from=2026-12-07&to=2026-12-08&attributionDays=1', admin)).json<ReportSummary>();
    expect(oneDay.revenue.attributionDays).toBe(1);
    // v2's checkout 18 h after the chat still counts; v1's purchase 26 h after does not.
    expect(oneDay.revenue.chat).toEqual(figure(2, 0, 0, [], 0, 1));
    // v3's purchase falls exactly 24 h after the page view: still inside.
    expect(oneDay.revenue.baseline).toEqual(figure(2, 1, 1, [['EUR', 30]], 50));
    const week = (await get('/api/admin/reports/summary?from=2026-12-07&to=2026-12-08&attributionDays=7', admin)).json<ReportSummary>();
    expect(week.revenue.chat).toEqual(
      figure(
        2,
        1,
        3,
        [
          ['EUR', 65],
          ['USD', 15],
        ],
        50,
        2,
      ),
    );
    for (const days of ['0', '31', 'x']) {
      const refused = await get(`/api/admin/reports/summary?from=2026-12-07&to=2026-12-08&attributionDays=${days}`, admin);
      expect(refused.statusCode, days).toBe(400);
      expect(refused.json().error.code).toBe('invalid_payload');
    }
  });

  it('exports the revenue day rows, one column per currency, summing to the summary', async () => {
    const { admin } = await seedShop();
    const query = 'from=2026-12-07&to=2026-12-08&attributionDays=3';
    const { revenue } = (await get(`/api/admin/reports/summary?${query}`, admin)).json<ReportSummary>();
    const csv = await get(`/api/admin/reports/days.csv?${query}`, admin);
    const [header, ...rows] = csv.body
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const column = (name: string) => rows.reduce((sum, r) => sum + Number(r[header!.indexOf(name)]), 0);
    expect(header!.slice(-12)).toEqual([
      'chatVisitors',
      'chatCheckouts',
      'chatConverted',
      'chatPurchases',
      'chatRevenueEUR',
      'chatRevenueUSD',
      'baselineVisitors',
      'baselineCheckouts',
      'baselineConverted',
      'baselinePurchases',
      'baselineRevenueEUR',
      'baselineRevenueUSD',
    ]);
    expect([column('chatVisitors'), column('chatCheckouts'), column('chatConverted'), column('chatPurchases')]).toEqual([2, 2, 1, 2]);
    expect([column('chatRevenueEUR'), column('chatRevenueUSD'), column('baselineRevenueEUR')]).toEqual([40, 15, 30]);
    expect(column('baselineVisitors')).toBe(revenue.baseline.visitors);
  });
});
