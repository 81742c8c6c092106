import { describe, expect, it } from 'vitest';
import { agentLoadIn, agentRowsOf } from './agent-load.ts';
import { factsOf, type ReportConversation, type TimelineEvent } from './facts.ts';

const H = 3_600_000;
const from = 100 * H;
const to = from + 24 * H;

function chat(id: string, events: TimelineEvent[], status: 'open' | 'closed' = 'closed'): ReportConversation {
  return {
    id,
    visitorId: `v-${id}`,
    customerId: null,
    origin: 'visitor',
    departmentId: null,
    assigneeId: null,
    status,
    createdAt: events[0]!.at,
    ticketSince: null,
    missedAt: null,
    events,
    ratings: [],
  };
}
const facts = (list: ReportConversation[]) => list.map((c) => factsOf(c, 'UTC', () => null));
/** A chat `agentId` was assigned at `fromHour` and closed at `toHour` (hours from the period's start). */
const stint = (id: string, agentId: string, fromHour: number, toHour: number) =>
  chat(id, [
    { kind: 'assigned', at: from + fromHour * H, agentId },
    { kind: 'closed', at: from + toHour * H },
  ]);

describe('agents’ chat load: chat time, concurrency and utilisation', () => {
  it('follows the assignee through a transfer, a guest and a close', () => {
    const [f] = facts([
      chat('c1', [
        { kind: 'visitor', at: from + 1 * H },
        { kind: 'assigned', at: from + 1 * H, agentId: 'marta' },
        // Pau joins as a guest (not an assignment, so not read) and leaves: Marta still holds it.
        { kind: 'unassigned', at: from + 1.6 * H, agentId: 'pau' },
        // Transferred to Pau at 2 h; closed at 3 h.
        { kind: 'unassigned', at: from + 2 * H, agentId: 'marta' },
        { kind: 'assigned', at: from + 2 * H, agentId: 'pau' },
        { kind: 'closed', at: from + 3 * H },
      ]),
    ]);
    expect(f!.handled).toEqual([
      { agentId: 'marta', from: from + 1 * H, to: from + 2 * H },
      { agentId: 'pau', from: from + 2 * H, to: from + 3 * H },
    ]);
  });

  it('sums overlapping chats, finds the peak, and divides by signed-in time and capacity', () => {
    const list = facts([
      // Marta: 09–11 and 10–12 (two at once from 10 to 11), and one still open since 20 h.
      stint('a', 'marta', 9, 11),
      stint('b', 'marta', 10, 12),
      chat('c', [{ kind: 'assigned', at: from + 20 * H, agentId: 'marta' }], 'open'),
      // Before the period: cut to its start.
      stint('d', 'pau', -2, 1),
    ]);
    const time = [
      { agentId: 'marta', onlineSeconds: 6 * 3600, awaySeconds: 2 * 3600, offlineSeconds: 16 * 3600 },
      { agentId: 'núria', onlineSeconds: 3600, awaySeconds: 0, offlineSeconds: 23 * 3600 },
    ];
    const capacities = new Map([
      ['marta', 2],
      ['núria', 3],
    ]);
    const capacityOf = (agentId: string) => capacities.get(agentId) ?? null;
    // Read at 22 h: Marta's open chat counts 2 hours so far.
    const load = agentLoadIn(list, time, capacityOf, from, to, from + 22 * H);
    expect(load).toEqual([
      // 2 + 2 + 2 = 6 h of chats over 8 h signed in: 0.75 at once, 6 / (8 × 2) = 37.5%.
      { agentId: 'marta', chatSeconds: 6 * 3600, concurrency: 0.75, peakConcurrency: 2, utilisation: 37.5, capacity: 2 },
      // Signed in, no chats.
      { agentId: 'núria', chatSeconds: 0, concurrency: 0, peakConcurrency: 0, utilisation: 0, capacity: 3 },
      // Chats but no status log (and no capacity known): no ratio to give.
      { agentId: 'pau', chatSeconds: 3600, concurrency: null, peakConcurrency: 1, utilisation: null, capacity: null },
    ]);
    // Joined with the time rows, most online first; Pau has load and no time.
    expect(agentRowsOf(time, load).map((row) => [row.agentId, row.onlineSeconds, row.chatSeconds])).toEqual([
      ['marta', 6 * 3600, 6 * 3600],
      ['núria', 3600, 0],
      ['pau', 0, 3600],
    ]);
  });

  it('does not count a chat that ends as another starts as two at once', () => {
    const list = facts([stint('a', 'marta', 1, 2), stint('b', 'marta', 2, 3)]);
    expect(agentLoadIn(list, [], () => null, from, to, to)[0]).toMatchObject({ chatSeconds: 2 * 3600, peakConcurrency: 1 });
  });
});
