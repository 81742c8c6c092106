import { describe, expect, it } from 'vitest';
import { historyRows } from './demo-history-rows.ts';
import type { HistoryCast } from './demo-history-types.ts';
import { HISTORY_DAYS } from './demo-history-timeline.ts';

/** Monday 7 December 2026, 10:30 UTC. */
const NOW = Date.UTC(2026, 11, 7, 10, 30);
const DAY = 86_400_000;

function cast(overrides: Partial<HistoryCast> = {}): HistoryCast {
  let n = 0;
  return {
    siteId: 'site-demo',
    siteName: 'Botiga Mostrador',
    shopUrl: 'http://shop.test',
    timeZone: 'UTC',
    now: NOW,
    agents: [
      { id: 'agt-laia', name: 'Laia' },
      { id: 'agt-jordi', name: 'Jordi' },
      { id: 'agt-nuria', name: 'Núria' },
    ],
    departments: { vendes: { id: 'dep-vendes', name: 'Vendes' }, comandes: { id: 'dep-comandes', name: 'Comandes i devolucions' } },
    rules: [
      { id: 'trg-product', message: 'Hola! Tens cap dubte?' },
      { id: 'trg-cart', message: 'Et podem ajudar?' },
    ],
    newId: (prefix) => `${prefix}_${++n}`,
    tokenHash: () => `hash-${++n}`,
    ...overrides,
  };
}

describe('the demo history’s rows', () => {
  const rows = historyRows(cast());

  it('are the same for the same moment, and different for another', () => {
    expect(historyRows(cast())).toEqual(rows);
    expect(historyRows(cast({ now: NOW + DAY })).conversations.length).toBeGreaterThan(0);
    expect(historyRows(cast({ now: NOW + DAY }))).not.toEqual(rows);
  });

  it('hold a few hundred demo shoppers and about six chats a day, all in the past four weeks', () => {
    expect(rows.visitors.length).toBeGreaterThanOrEqual(400);
    expect(rows.visitors.length).toBeLessThanOrEqual(500);
    expect(rows.conversations.length).toBeGreaterThanOrEqual(150);
    expect(rows.conversations.length).toBeLessThanOrEqual(200);
    for (const visitor of rows.visitors) {
      expect(visitor.claimedName).toMatch(/^Demo: \S+ [A-Z]\.$/);
      expect(visitor.label).toBe(visitor.claimedName);
      expect(visitor.claimedEmail).toMatch(/^demo-[a-z]+\.[a-z]-\d+@example\.com$/);
    }
    const times = [
      ...rows.visitors.map((v) => v.lastSeenAt),
      ...rows.events.map((e) => e.createdAt),
      ...rows.pageViews.map((p) => p.startedAt),
      ...rows.cartEvents.map((c) => c.at),
      ...rows.ratings.map((r) => r.createdAt),
      ...rows.nps.map((r) => r.createdAt),
      ...rows.statusChanges.map((s) => s.at),
    ];
    expect(Math.max(...times)).toBeLessThan(NOW);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - (HISTORY_DAYS + 1) * DAY);
  });

  it('keeps every conversation closed, its log numbered without a gap, and its row in step with the log', () => {
    for (const conversation of rows.conversations) {
      const log = rows.events.filter((e) => e.conversationId === conversation.id);
      expect(conversation.status).toBe('closed');
      expect(conversation.visitorLabel).toMatch(/^Demo: /);
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
      expect(conversation.lastSeq).toBe(log.length);
      const visible = log.filter((e) => e.visitorSeq !== null);
      expect(visible.map((e) => e.visitorSeq)).toEqual(visible.map((_, i) => i + 1));
      expect(conversation.lastVisitorSeq).toBe(visible.length);
      // Time runs forward through the log, and the last event is the close.
      expect(log.map((e) => e.createdAt)).toEqual(log.map((e) => e.createdAt).sort((a, b) => a - b));
      expect(log.at(-1)).toMatchObject({ type: 'status', status: 'closed', createdAt: conversation.closedAt });
      for (const message of log.filter((e) => e.type === 'message')) expect(message.clientId).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    }
  });

  it('misses a few chats, keeps some as tickets out of hours, and starts some by trigger or by an agent', () => {
    const missed = rows.conversations.filter((c) => c.missedAt !== null).length / rows.conversations.length;
    expect(missed).toBeGreaterThanOrEqual(0.03);
    expect(missed).toBeLessThanOrEqual(0.1);
    expect(rows.conversations.filter((c) => c.ticketSince !== null).length).toBeGreaterThan(3);
    expect(rows.conversations.filter((c) => c.origin === 'agent').length).toBeGreaterThan(3);
    const triggered = rows.conversations.filter((c) => c.origin === 'trigger');
    expect(triggered.length).toBeGreaterThan(10);
    const replied = rows.firings.filter((f) => f.conversationId);
    expect(replied.map((f) => f.conversationId).sort()).toEqual(triggered.map((c) => c.id).sort());
    // Most invitations went unanswered, as on a real shop.
    expect(rows.firings.length).toBeGreaterThan(2 * replied.length);
    // The invitation came before the shopper's answer, which is where the clock starts: never a 0 s first response.
    for (const conversation of triggered) {
      const log = rows.events.filter((e) => e.conversationId === conversation.id);
      const answer = log.find((e) => e.authorKind === 'visitor')!;
      const firstAgent = log.find((e) => e.type === 'message' && e.authorKind === 'agent' && e.createdAt >= answer.createdAt);
      expect(log[0]!.createdAt).toBeLessThan(answer.createdAt);
      if (firstAgent) expect(firstAgent.createdAt - answer.createdAt).toBeGreaterThan(5_000);
    }
  });

  it('rates some chats, answers NPS after some ratings, and ends each agent’s day offline', () => {
    expect(rows.ratings.length).toBeGreaterThan(30);
    expect(rows.nps.length).toBeGreaterThan(5);
    const rated = new Map(rows.ratings.map((r) => [r.conversationId, r]));
    for (const conversation of rows.conversations.filter((c) => rated.has(c.id)))
      expect(conversation.rating).toEqual({
        score: rated.get(conversation.id)!.score,
        comment: rated.get(conversation.id)!.comment,
        createdAt: rated.get(conversation.id)!.createdAt,
      });
    for (const agent of ['agt-laia', 'agt-jordi', 'agt-nuria']) {
      const changes = rows.statusChanges.filter((s) => s.agentId === agent);
      expect(changes.length).toBeGreaterThan(0);
      expect(changes.at(-1)!.status).toBe('offline');
    }
  });

  it('has purchases after chats and without them', () => {
    const buyers = new Set(rows.cartEvents.filter((c) => c.change === 'purchase').map((c) => c.visitorId));
    const chatters = new Set(rows.conversations.map((c) => c.visitorId));
    expect([...buyers].filter((v) => chatters.has(v)).length).toBeGreaterThan(5);
    expect([...buyers].filter((v) => !chatters.has(v)).length).toBeGreaterThan(3);
  });
});
