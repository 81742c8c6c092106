import { describe, expect, it } from 'vitest';
import type { RevenueTally } from '../schemas/revenue.ts';
import { revenueOf, type RevenueChat, type RevenuePurchase } from './revenue.ts';

/** A UTC instant in December 2026. */
const t = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour, minute);
const DAY = 86_400_000;

const chat = (conversationId: string, visitorId: string, startedAt: number, row: Partial<RevenueChat> = {}): RevenueChat => ({
  conversationId,
  visitorId,
  date: new Date(startedAt).toISOString().slice(0, 10),
  startedAt,
  agentId: 'agt_a',
  departmentId: null,
  rule: null,
  ...row,
});
const buy = (visitorId: string, at: number, total: number, currency = 'EUR'): RevenuePurchase => ({ visitorId, at, total, currency });

const chats = [
  chat('c1', 'v1', t(7, 10), { departmentId: 'dep_sales' }),
  // v1 chats again, with someone else: v1 still counts once, for the first chat.
  chat('c2', 'v1', t(8, 10), { agentId: 'agt_b' }),
  chat('c3', 'v2', t(8, 15), { agentId: 'agt_b', rule: { id: 'trg_cart', name: 'Cart help' } }),
  chat('c4', 'v3', t(9, 11), { agentId: 'agt_b' }),
];
const purchases = [
  buy('v1', t(7, 9), 500), // before the chat: not counted
  buy('v1', t(7, 12), 40),
  buy('v1', t(7, 10) + 3 * DAY, 10.5), // exactly N × 24 h after the first message: counted
  buy('v1', t(7, 10) + 3 * DAY + 1, 99), // a millisecond later: not counted
  buy('v2', t(9, 15), 20, 'USD'),
  buy('v2', t(9, 16), 5.1),
  buy('v2', t(9, 16, 1), 0.2),
  buy('v4', t(9, 8), 30),
  buy('v6', t(7, 9) + 3 * DAY + 1, 70), // a millisecond too late for the baseline too
  buy('v8', t(8, 12), 1000), // never seen in the period, never chatted
];
const checkouts = [
  { visitorId: 'v3', at: t(10, 11) }, // reached checkout after the chat, did not buy
  { visitorId: 'v5', at: t(8, 9) - 1 }, // before the first page view: not counted
];
const visits = [
  { visitorId: 'v1', firstSeenAt: t(7, 9) },
  { visitorId: 'v4', firstSeenAt: t(7, 8) },
  { visitorId: 'v5', firstSeenAt: t(8, 9) },
  { visitorId: 'v6', firstSeenAt: t(7, 9) },
  // v7 had a conversation in which they never wrote: neither a chat nor the baseline.
  { visitorId: 'v7', firstSeenAt: t(8, 9) },
];
const result = revenueOf({
  chats,
  conversationVisitors: new Set(['v1', 'v2', 'v3', 'v7']),
  visits,
  purchases,
  checkouts,
  attributionDays: 3,
  timeZone: 'UTC',
  from: '2026-12-07',
  to: '2026-12-09',
});
const { report } = result;

/** A figure; every buyer reached checkout, so checkouts are the converted unless said otherwise. */
const figure = (
  visitors: number,
  converted: number,
  count: number,
  revenue: [string, number][],
  conversionRate: number | null,
  checkouts = converted,
) => ({
  visitors,
  checkouts,
  converted,
  purchases: count,
  revenue: revenue.map(([currency, amount]) => ({ currency, amount })),
  conversionRate,
});

describe('revenue after a chat, beside a baseline', () => {
  it('counts each chatting visitor once, and the checkouts and purchases of the N days after their first message, per currency', () => {
    expect(report.attributionDays).toBe(3);
    expect(report.chat).toEqual(
      figure(
        3,
        2,
        5,
        [
          ['EUR', 55.8],
          ['USD', 20],
        ],
        66.7,
        3,
      ),
    );
  });

  it('measures visitors seen without a conversation from their first page view', () => {
    expect(report.baseline).toEqual(figure(3, 1, 1, [['EUR', 30]], 33.3));
  });

  it('attributes each visitor to the agent, department and trigger rule of their first chat', () => {
    expect(result.byAgent.get('agt_a')).toEqual(figure(1, 1, 2, [['EUR', 50.5]], 100));
    expect(result.byAgent.get('agt_b')).toEqual(
      figure(
        2,
        1,
        3,
        [
          ['EUR', 5.3],
          ['USD', 20],
        ],
        50,
        2,
      ),
    );
    expect(result.byDepartment.get('dep_sales')).toEqual(figure(1, 1, 2, [['EUR', 50.5]], 100));
    expect(result.byDepartment.get(null)).toEqual(result.byAgent.get('agt_b'));
    expect(report.byTrigger).toEqual([
      { id: null, name: null, ...figure(2, 1, 2, [['EUR', 50.5]], 50, 2) },
      {
        id: 'trg_cart',
        name: 'Cart help',
        ...figure(
          1,
          1,
          3,
          [
            ['EUR', 5.3],
            ['USD', 20],
          ],
          100,
        ),
      },
    ]);
  });

  it('has day rows and groups that sum to the totals', () => {
    expect(report.days.map((d) => [d.date, d.chat.visitors, d.baseline.visitors])).toEqual([
      ['2026-12-07', 1, 2],
      ['2026-12-08', 1, 1],
      ['2026-12-09', 1, 0],
    ]);
    const sum = (tallies: RevenueTally[]) => ({
      visitors: tallies.reduce((s, x) => s + x.visitors, 0),
      checkouts: tallies.reduce((s, x) => s + x.checkouts, 0),
      converted: tallies.reduce((s, x) => s + x.converted, 0),
      purchases: tallies.reduce((s, x) => s + x.purchases, 0),
      cents: tallies.flatMap((x) => x.revenue).reduce((s, x) => s + Math.round(x.amount * 100), 0),
    });
    const total = (t: RevenueTally) => sum([t]);
    expect(sum(report.days.map((d) => d.chat))).toEqual(total(report.chat));
    expect(sum(report.days.map((d) => d.baseline))).toEqual(total(report.baseline));
    for (const groups of [[...result.byAgent.values()], [...result.byDepartment.values()], report.byTrigger])
      expect(sum(groups)).toEqual(total(report.chat));
  });

  it('counts more with a longer window, and nothing without visitors', () => {
    const week = revenueOf({
      chats,
      conversationVisitors: new Set(),
      visits,
      purchases,
      checkouts,
      attributionDays: 7,
      timeZone: 'UTC',
      from: '2026-12-07',
      to: '2026-12-09',
    }).report;
    expect(week.chat).toMatchObject({ converted: 2, purchases: 6 });
    // Without the conversations, v1 and v7 join the baseline (v1 from 09:00, so the 500 € purchase counts).
    expect(week.baseline).toMatchObject({ visitors: 5, converted: 3, purchases: 6 });
    const empty = revenueOf({
      chats: [],
      conversationVisitors: new Set(),
      visits: [],
      purchases,
      checkouts: [],
      attributionDays: 3,
      timeZone: 'UTC',
      from: '2026-12-07',
      to: '2026-12-07',
    }).report;
    expect(empty.chat).toEqual(figure(0, 0, 0, [], null));
    expect(empty.baseline.conversionRate).toBeNull();
  });
});
