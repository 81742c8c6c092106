import { describe, expect, it } from 'vitest';
import { npsOf } from '../schemas/feedback.ts';
import { factsOf, type ReportConversation } from './facts.ts';
import { REOPEN_WINDOW_HOURS, withReturns } from './returns.ts';
import { summarize } from './summary.ts';
import { noRevenueIn } from './revenue.ts';

const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 11, 7, 9);

/** A conversation of `customer`, written at `at`, closed `closedAfter` hours later (or left open). */
function conversation(id: string, visitorId: string, at: number, closedAfter: number | null): ReportConversation {
  const closedAt = closedAfter === null ? null : at + closedAfter * HOUR;
  return {
    id,
    visitorId,
    customerId: null,
    origin: 'visitor',
    departmentId: null,
    assigneeId: 'agt_a',
    status: closedAt === null ? 'open' : 'closed',
    createdAt: at,
    ticketSince: null,
    missedAt: null,
    events: [
      { kind: 'visitor', at },
      { kind: 'agent', at: at + 60_000 },
      ...(closedAt === null ? [] : [{ kind: 'closed' as const, at: closedAt }]),
    ],
    ratings: [],
  };
}

const factsOfAll = (list: ReportConversation[]) => list.map((c) => factsOf(c, 'UTC', () => null));
const startsOf = (list: ReportConversation[]) => list.map((c) => ({ customerKey: `visitor:${c.visitorId}`, createdAt: c.createdAt }));

describe('the reopen rate: the customer writing again soon after a close', () => {
  it('counts a close followed by the same customer starting a conversation within the window, and only then', () => {
    const list = [
      // v1 comes back 2 days after the close: reopened.
      conversation('c1', 'v1', t0, 1),
      conversation('c1b', 'v1', t0 + 1 * HOUR + 48 * HOUR, null),
      // v2 comes back just after the window: not reopened.
      conversation('c2', 'v2', t0, 1),
      conversation('c2b', 'v2', t0 + 1 * HOUR + REOPEN_WINDOW_HOURS * HOUR + 1, 0.5),
      // v3 wrote again before the close (two chats side by side), never after: not reopened.
      conversation('c3', 'v3', t0 + 5 * HOUR, 2),
      conversation('c3b', 'v3', t0 + 6 * HOUR, 0.5),
      // v4 never closed: nothing to reopen.
      conversation('c4', 'v4', t0, null),
    ];
    const facts = withReturns(factsOfAll(list), startsOf(list));
    expect(Object.fromEntries(facts.map((f) => [f.id, f.reopened]))).toEqual({
      c1: true,
      c1b: false,
      c2: false,
      c2b: false,
      c3: false,
      c3b: false,
      c4: false,
    });
    const range = { timeZone: 'UTC', from: '2026-12-07', to: '2026-12-13' };
    const summary = summarize(facts, range, npsOf([]), noRevenueIn(range, 3));
    // c1, c2, c2b, c3, c3b closed; c1 came back.
    expect(summary.totals).toMatchObject({ closed: 5, reopened: 1 });
    expect(summary.reopenRate).toBe(20);
    // The day rows agree with the total.
    expect(summary.days.reduce((sum, day) => sum + day.reopened, 0)).toBe(1);
  });

  it('reads returns beyond the period and outside the report’s filters from the starts it is given', () => {
    const closedLate = conversation('late', 'v9', t0, 1);
    const facts = withReturns(factsOfAll([closedLate]), [{ customerKey: 'visitor:v9', createdAt: t0 + 3 * HOUR }]);
    expect(facts[0]!.reopened).toBe(true);
    // A verified customer is the same customer on another browser.
    const verified = { ...conversation('cus', 'v10', t0, 1), customerId: 'cus_1' };
    const [fact] = withReturns(factsOfAll([verified]), [{ customerKey: 'customer:cus_1', createdAt: t0 + 2 * HOUR }]);
    expect(fact!.reopened).toBe(true);
  });
});
