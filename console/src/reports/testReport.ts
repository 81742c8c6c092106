import type { ReportSummary } from '@mostrador/shared';
import { factsOf, previousPeriod, revenueOf, summarize } from '@mostrador/shared/reports';

// A report of fixed figures for the Reports page's tests: one conversation answered in 3 minutes and rated 5,
// purchases after it in two currencies, and a baseline of two visitors.

/** Two NPS answers, 10 and 3: one promoter, one detractor (written out: the console takes no values from the contract's entry). */
const nps = { responses: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 };

/** Monday 7 December 2026, 10:00 in UTC. */
const at = (hour: number, minute = 0) => Date.UTC(2026, 11, 7, hour, minute);
export const today = new Date(2026, 11, 7, 12);

export function reportOf(from: string, to: string): ReportSummary {
  const answered = factsOf(
    {
      id: 'c1',
      visitorId: 'v1',
      customerId: null,
      origin: 'visitor',
      departmentId: null,
      assigneeId: 'agt_nuria',
      status: 'closed',
      createdAt: at(10),
      ticketSince: null,
      missedAt: null,
      events: [
        { kind: 'visitor', at: at(10) },
        { kind: 'agent', at: at(10, 3) },
        { kind: 'closed', at: at(10, 20) },
      ],
      ratings: [{ score: 5, comment: 'Gràcies' }],
    },
    'UTC',
    () => null,
  );
  // Signed in 5 h 50 min (21,000 s); 7,000 s of chats, two at once at most, capacity 3.
  const agentTime = [
    {
      agentId: 'agt_nuria',
      onlineSeconds: 5 * 3600 + 30 * 60,
      awaySeconds: 20 * 60,
      offlineSeconds: 0,
      chatSeconds: 7000,
      concurrency: 0.33,
      peakConcurrency: 2,
      utilisation: 11.1,
      capacity: 3,
    },
  ];
  // v1 chatted (a trigger's invitation) and bought in two currencies; of the two who did not, v2 bought and v3 reached checkout.
  const revenue = revenueOf({
    chats: [
      {
        conversationId: 'c1',
        visitorId: 'v1',
        date: answered.date,
        startedAt: at(10),
        agentId: 'agt_nuria',
        departmentId: null,
        rule: { id: 'trg_cart', name: 'Cart help' },
      },
    ],
    conversationVisitors: new Set(['v1']),
    visits: [
      { visitorId: 'v2', firstSeenAt: at(9) },
      { visitorId: 'v3', firstSeenAt: at(9) },
    ],
    purchases: [
      { visitorId: 'v1', at: at(11), total: 40, currency: 'EUR' },
      { visitorId: 'v1', at: at(12), total: 15, currency: 'USD' },
      { visitorId: 'v2', at: at(11), total: 30, currency: 'EUR' },
    ],
    checkouts: [{ visitorId: 'v3', at: at(11) }],
    attributionDays: 3,
    timeZone: 'UTC',
    from,
    to,
  });
  // The previous period: more conversations, a slower first response, a lower CSAT; no customers and no rating average.
  const previous = {
    ...previousPeriod(from, to),
    conversations: 4,
    uniqueCustomers: 0,
    firstResponseMedianSeconds: 240,
    responseMeanSeconds: null,
    resolutionMedianSeconds: 1200,
    waitMedianSeconds: 30,
    abandonmentRate: 0,
    missed: 0,
    ticketsOutOfHours: 0,
    csatShare: 80,
    csatAverage: null,
    nps: 10,
    reopenRate: null,
  };
  return { ...summarize([answered], { timeZone: 'UTC', from, to }, nps, revenue), agentTime, previous };
}
