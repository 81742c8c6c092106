import { describe, expect, it } from 'vitest';
import type { Schedule } from '../hours/schedule.ts';
import { npsOf } from '../schemas/feedback.ts';
import type { ReportTally } from '../schemas/reports.ts';
import { factsOf, type ReportConversation, type TimelineEvent } from './facts.ts';
import { noRevenueIn } from './revenue.ts';
import { summarize } from './summary.ts';

/** A wall time in Madrid in December 2026 (UTC+1). 7 December is a Monday. */
const t = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);
const zone = 'Europe/Madrid';
const weekdays: Schedule = {
  timeZone: zone,
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })),
  holidays: [],
  closures: [],
};
const e = (kind: TimelineEvent['kind'], at: number): TimelineEvent => ({ kind, at });
const base = { customerId: null, departmentId: null, ticketSince: null, missedAt: null, ratings: [] };

const timelines: ReportConversation[] = [
  {
    // Answered in 3 minutes, a second answer 5 minutes after the visitor's next two messages; rated 5 with a comment.
    ...base,
    id: 'c1',
    visitorId: 'v1',
    customerId: 'cus1',
    origin: 'visitor',
    assigneeId: 'agt_a',
    status: 'closed',
    createdAt: t(7, 10),
    events: [
      e('visitor', t(7, 10)),
      e('assigned', t(7, 10, 1)),
      e('agent', t(7, 10, 3)),
      e('visitor', t(7, 10, 5)),
      e('visitor', t(7, 10, 6)),
      e('agent', t(7, 10, 10)),
      e('closed', t(7, 10, 20)),
    ],
    ratings: [{ score: 5, comment: 'Great' }],
  },
  {
    // Ten minutes before closing, answered the next morning (crosses midnight), closed, reopened, closed again; rated twice.
    ...base,
    id: 'c2',
    visitorId: 'v2',
    origin: 'visitor',
    assigneeId: 'agt_a',
    status: 'closed',
    createdAt: t(7, 16, 50),
    events: [
      e('visitor', t(7, 16, 50)),
      e('assigned', t(7, 16, 51)),
      e('agent', t(8, 9, 10)),
      e('closed', t(8, 9, 30)),
      e('reopened', t(8, 10)),
      e('visitor', t(8, 10)),
      e('agent', t(8, 10, 2)),
      e('closed', t(8, 10, 5)),
    ],
    ratings: [
      { score: 2, comment: null },
      { score: 4, comment: '  ' },
    ],
  },
  {
    // A ticket on Saturday (out of hours), answered on Monday morning, still open.
    ...base,
    id: 'c3',
    visitorId: 'v3',
    customerId: 'cus1',
    origin: 'visitor',
    departmentId: 'dep_sales',
    assigneeId: 'agt_b',
    status: 'open',
    createdAt: t(12, 11),
    ticketSince: t(12, 11),
    events: [e('visitor', t(12, 11)), e('agent', t(14, 9, 30))],
  },
  {
    // The shopper left while queued: missed and abandoned.
    ...base,
    id: 'c4',
    visitorId: 'v4',
    origin: 'visitor',
    assigneeId: null,
    status: 'open',
    createdAt: t(7, 12),
    missedAt: t(7, 12, 5),
    events: [e('visitor', t(7, 12))],
  },
  {
    // Proactive: the agent spoke first; the clock starts at the visitor's answer. An 'open' before any close is no reopen.
    ...base,
    id: 'c5',
    visitorId: 'v5',
    origin: 'agent',
    assigneeId: 'agt_b',
    status: 'closed',
    createdAt: t(8, 11),
    events: [
      e('reopened', t(8, 11)),
      e('assigned', t(8, 11)),
      e('agent', t(8, 11)),
      e('visitor', t(8, 11, 2)),
      e('agent', t(8, 11, 4)),
      e('closed', t(8, 11, 30)),
    ],
  },
  {
    // A trigger's invitation the visitor never answered, closed after midnight.
    ...base,
    id: 'c6',
    visitorId: 'v6',
    origin: 'trigger',
    assigneeId: null,
    status: 'closed',
    createdAt: t(8, 23, 30),
    events: [e('agent', t(8, 23, 30)), e('closed', t(9, 0, 10))],
  },
  {
    // Created the day after the range: left out of everything.
    ...base,
    id: 'c7',
    visitorId: 'v7',
    origin: 'visitor',
    assigneeId: 'agt_a',
    status: 'open',
    createdAt: t(14, 10),
    events: [e('visitor', t(14, 10)), e('agent', t(14, 10, 1))],
  },
];

const facts = timelines.map((c) => factsOf(c, zone, () => weekdays));
const nps = npsOf([10, 9, 3]);
/** No purchases and no page views: every revenue figure is zero. */
const noSales = (from: string, to: string) => noRevenueIn({ timeZone: zone, from, to }, 3);
const none = { visitors: 0, checkouts: 0, converted: 0, purchases: 0, revenue: [], conversionRate: null };
const report = summarize(facts, { timeZone: zone, from: '2026-12-07', to: '2026-12-13' }, nps, noSales('2026-12-07', '2026-12-13'));

describe('the report of fixed timelines', () => {
  it('measures each conversation on the wall clock and in business hours', () => {
    const c2 = facts[1]!;
    // 16:50 → 09:10 next day: 16 h 20 min; open 16:50–17:00 and 09:00–09:10.
    expect(c2.firstResponse).toEqual({ raw: 58_800, business: 1200 });
    expect(c2.responses).toEqual([
      { raw: 58_800, business: 1200 },
      { raw: 120, business: 120 },
    ]);
    // To the last close (Tuesday 10:05): 17 h 15 min; open 10 min + 65 min.
    expect(c2.resolution).toEqual({ raw: 62_100, business: 4500 });
    expect(facts[2]!.firstResponse).toEqual({ raw: 167_400, business: 1800 });
    expect(facts[2]!.ticketOutOfHours).toBe(true);
    expect(facts[4]!.firstResponse).toEqual({ raw: 120, business: 120 });
    expect(facts[4]!.wait).toBe(0);
    expect(facts[5]).toMatchObject({ clockStart: null, firstResponse: null, resolution: null, abandoned: false, closed: true });
  });

  it('adds up the totals by hand', () => {
    const expected: ReportTally = {
      conversations: 6,
      fromVisitor: 4,
      proactive: 1,
      fromTrigger: 1,
      fromEmail: 0,
      chats: 5,
      tickets: 1,
      ticketsOutOfHours: 1,
      chatsWithMessage: 4,
      missed: 1,
      abandoned: 1,
      answered: 4,
      firstResponseSeconds: 226_500,
      firstResponseBusinessSeconds: 3300,
      responses: 6,
      responseSeconds: 226_920,
      responseBusinessSeconds: 3720,
      resolved: 3,
      resolutionSeconds: 64_980,
      resolutionBusinessSeconds: 7380,
      waited: 3,
      waitSeconds: 120,
      closed: 4,
      reopened: 1,
      ratings: 3,
      ratingsPositive: 2,
      ratingScoreTotal: 11,
      comments: 1,
    };
    expect(report.totals).toEqual(expected);
    expect(report.uniqueCustomers).toBe(5);
    expect(report.abandonmentRate).toBe(25);
    expect(report.reopenRate).toBe(25);
    expect(report.csatShare).toBe(66.7);
    expect(report.csatAverage).toBe(3.67);
    expect(report.nps).toEqual(nps);
  });

  it('gives medians, p90 and distributions, raw and in business hours', () => {
    expect(report.firstResponse.raw).toEqual({
      count: 4,
      totalSeconds: 226_500,
      meanSeconds: 56_625,
      medianSeconds: 29_490,
      p90Seconds: 167_400,
      buckets: [0, 2, 0, 0, 0, 1, 1],
    });
    // 1200 s and 1800 s fall in 15–60 min.
    expect(report.firstResponse.business).toMatchObject({ medianSeconds: 690, p90Seconds: 1800, buckets: [0, 2, 0, 2, 0, 0, 0] });
    expect(report.response.raw).toMatchObject({ count: 6, medianSeconds: 240, p90Seconds: 167_400 });
    expect(report.resolution.business).toMatchObject({ count: 3, medianSeconds: 1680, p90Seconds: 4500 });
    expect(report.wait).toMatchObject({ count: 3, medianSeconds: 60, p90Seconds: 60 });
  });

  it('groups by agent and department, and draws the weekday × hour heatmap', () => {
    const withoutTally = (rows: typeof report.byAgent) => rows.map(({ tally: _tally, ...row }) => row);
    expect(withoutTally(report.byAgent)).toEqual([
      { id: 'agt_a', conversations: 2, firstResponseMedianSeconds: 29_490, revenue: none },
      { id: 'agt_b', conversations: 2, firstResponseMedianSeconds: 83_760, revenue: none },
      { id: null, conversations: 2, firstResponseMedianSeconds: null, revenue: none },
    ]);
    expect(withoutTally(report.byDepartment)).toEqual([
      { id: null, conversations: 5, firstResponseMedianSeconds: 180, revenue: none },
      { id: 'dep_sales', conversations: 1, firstResponseMedianSeconds: 167_400, revenue: none },
    ]);
    const cells = report.heatmap.flatMap((hours, day) => hours.flatMap((count, hour) => (count ? [[day, hour, count]] : [])));
    expect(cells).toEqual([
      [1, 10, 1],
      [1, 12, 1],
      [1, 16, 1],
      [2, 11, 1],
      [2, 23, 1],
      [6, 11, 1],
    ]);
  });

  it('gives each group its tally, raw and in business hours, so a table’s rows sum to the totals', () => {
    const tally = (id: string | null) => report.byAgent.find((row) => row.id === id)!.tally;
    // agt_a: c1 (3 min, business 3 min) and c2 (answered the next morning: 16 h 20 min raw, 10 + 10 min in business hours).
    expect(tally('agt_a')).toMatchObject({
      conversations: 2,
      answered: 2,
      firstResponseSeconds: 180 + 58_800,
      firstResponseBusinessSeconds: 180 + 1200,
      ratings: 3,
      ratingsPositive: 2,
      comments: 1,
    });
    // Nobody assigned: the missed chat and the trigger's unanswered invitation.
    expect(tally(null)).toMatchObject({ conversations: 2, missed: 1, abandoned: 1, answered: 0, fromTrigger: 1 });
    for (const rows of [report.byAgent, report.byDepartment])
      for (const key of Object.keys(report.totals) as (keyof ReportTally)[])
        expect(
          rows.reduce((sum, row) => sum + row.tally[key], 0),
          key,
        ).toBe(report.totals[key]);
  });

  it('has one row per day whose sums are the totals', () => {
    expect(report.days.map((d) => [d.date, d.conversations])).toEqual([
      ['2026-12-07', 3],
      ['2026-12-08', 2],
      ['2026-12-09', 0],
      ['2026-12-10', 0],
      ['2026-12-11', 0],
      ['2026-12-12', 1],
      ['2026-12-13', 0],
    ]);
    for (const key of Object.keys(report.totals) as (keyof ReportTally)[])
      expect(
        report.days.reduce((sum, d) => sum + d[key], 0),
        key,
      ).toBe(report.totals[key]);
  });

  it('is empty but well formed with no conversations', () => {
    const empty = summarize([], { timeZone: zone, from: '2026-12-07', to: '2026-12-07' }, npsOf([]), noSales('2026-12-07', '2026-12-07'));
    expect(empty).toMatchObject({
      uniqueCustomers: 0,
      abandonmentRate: null,
      reopenRate: null,
      csatShare: null,
      csatAverage: null,
      byAgent: [],
    });
    expect(empty.firstResponse.raw.medianSeconds).toBeNull();
    expect(empty.days).toHaveLength(1);
  });

  it('times a trigger chat from the visitor’s answer, though the invitation is stamped with the same instant', () => {
    // The conversations module writes the invitation and the visitor's answer in one step, at one `now`, invitation first.
    const answer = t(9, 11);
    const [fact] = [
      factsOf(
        {
          ...base,
          id: 'invited',
          visitorId: 'v9',
          origin: 'trigger',
          assigneeId: 'agt_a',
          status: 'open',
          createdAt: answer,
          events: [e('agent', answer), e('visitor', answer), e('assigned', answer), e('agent', t(9, 11, 2))],
        },
        zone,
        () => null,
      ),
    ];
    expect(fact!.firstResponse).toEqual({ raw: 120, business: 120 });
    expect(fact!.responses).toEqual([{ raw: 120, business: 120 }]);
  });
});
