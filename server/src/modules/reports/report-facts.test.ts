import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { ReportQuery, Schedule } from '@mostrador/shared';
import type { StatusChange } from '@mostrador/shared/reports';
import type { Engine } from '../../db/engine.ts';
import * as pg from '../../db/pg/schema/index.ts';
import * as lite from '../../db/schema.ts';
import { describeOnEngines } from '../../testing/engines.ts';
import { STALE_AT } from './fact-rows.ts';
import { chat, put, S, t, writeShop } from './reports.fixture.ts';
import { reportsRepository } from './reports.module.ts';
import type { ReportScope, ReportsRepository } from './reports.repository.ts';
import { ReportsService } from './reports.service.ts';

const OFFICE: Schedule = {
  timeZone: 'Europe/Madrid',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })),
  holidays: [],
  closures: [],
};
const NOW = t(12, 12);
/** Both agents signed in from before the reports' days, so their chat load has concurrency and utilisation to compare. */
const SIGNED_IN: StatusChange[] = [
  { agentId: 'a1', status: 'online', at: t(1, 9) },
  { agentId: 'a2', status: 'online', at: t(1, 9) },
  { agentId: 'a2', status: 'away', at: t(8, 20) },
];
const assignee = (id: string) => ({ data: { role: 'assignee', agent: { id, name: id.toUpperCase() } } });

/** The repository, counting the conversations whose logs it reads; or, recounting, one that finds every stored row stale and keeps none. */
function repositoryOn(engine: Engine, recount: boolean) {
  const repo = reportsRepository(engine);
  const read: string[][] = [];
  const wrapped: ReportsRepository = {
    async conversationsIn(scope: ReportScope) {
      const found = await repo.conversationsIn(scope);
      read.push(found.map((c) => c.id));
      return found;
    },
    async storedFacts(scope) {
      const rows = await repo.storedFacts(scope);
      if (recount) for (const row of rows) row[STALE_AT] = 1;
      return rows;
    },
    saveFacts: (rows) => (recount ? Promise.resolve() : repo.saveFacts(rows)),
    changedSince: (siteId, since) => repo.changedSince(siteId, since),
    rulesOf: (scope) => repo.rulesOf(scope),
    customerStarts: (siteId, from, to) => repo.customerStarts(siteId, from, to),
    conversationVisitors: (siteId, from, to) => repo.conversationVisitors(siteId, from, to),
    firstVisits: (siteId, from, to) => repo.firstVisits(siteId, from, to),
    cartStages: (siteId, from, until) => repo.cartStages(siteId, from, until),
  };
  return { repo: wrapped, read };
}

/** A stored-facts service and a full-recount service over the same rows and hours (d1 keeps `hours.d1`). */
function servicesOn(engine: Engine) {
  const hours: { d1: Schedule } = { d1: OFFICE };
  const ports = {
    timeZoneOf: () => 'Europe/Madrid',
    scheduleFor: (_site: string, departmentId: string | null) => (departmentId === 'd1' ? hours.d1 : null),
    npsBetween: async () => ({ responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null }),
    statusChanges: async (_site: string, _from: number, _to: number, agentId?: string) =>
      SIGNED_IN.filter((change) => !agentId || change.agentId === agentId),
    capacityOf: (_site: string, agentId: string) => (agentId === 'a1' ? 3 : 2),
  };
  const stored = repositoryOn(engine, false);
  const recount = repositoryOn(engine, true);
  return { hours, stored, fromFacts: new ReportsService(stored.repo, ports), recount: new ReportsService(recount.repo, ports) };
}

const QUERIES: ReportQuery[] = [
  { from: '2026-12-07', to: '2026-12-09' },
  { from: '2026-12-01', to: '2026-12-31', timeZone: 'UTC' },
  { from: '2026-12-06', to: '2026-12-10', timeZone: 'America/New_York' },
  { from: '2026-12-07', to: '2026-12-09', timeZone: 'Asia/Kolkata', departmentId: 'd1' },
  { from: '2026-12-07', to: '2026-12-09', agentId: 'a1' },
  { from: '2026-12-07', to: '2026-12-09', agentId: 'a2', origin: 'trigger' },
  { from: '2026-12-08', to: '2026-12-08', tag: 'vip' },
  { from: '2026-12-07', to: '2026-12-10', origin: 'email' },
];

/** Every query's summary from the stored facts equals the full recount's, field by field. */
async function expectRecount(services: ReturnType<typeof servicesOn>) {
  for (const query of QUERIES) {
    const fromFacts = await services.fromFacts.summary('s1', query, NOW);
    const recounted = await services.recount.summary('s1', query, NOW);
    if (!fromFacts.ok || !recounted.ok) throw new Error('a summary failed');
    for (const [field, value] of Object.entries(recounted.data))
      expect(fromFacts.data[field as keyof typeof fromFacts.data], `${field} of ${JSON.stringify(query)}`).toEqual(value);
  }
  // And each conversation's facts themselves, every field (createdAt, lastClosedAt, handled…), not only the sums.
  const byId = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  const everything: ReportScope = { siteId: 's1', from: 0, to: t(31, 0) };
  const stored = await services.fromFacts.factsIn(everything, 'Europe/Madrid');
  const recounted = await services.recount.factsIn(everything, 'Europe/Madrid');
  expect(byId(stored.facts)).toEqual(byId(recounted.facts));
}

async function update(engine: Engine, id: string, set: Partial<typeof lite.conversations.$inferInsert>) {
  if (engine.kind === 'sqlite') engine.db.update(lite.conversations).set(set).where(eq(lite.conversations.id, id)).run();
  else await engine.db.update(pg.conversations).set(set).where(eq(pg.conversations.id, id));
}

async function verify(engine: Engine, visitorId: string, customerId: string) {
  if (engine.kind === 'sqlite') engine.db.update(lite.visitors).set({ customerId }).where(eq(lite.visitors.id, visitorId)).run();
  else await engine.db.update(pg.visitors).set({ customerId }).where(eq(pg.visitors.id, visitorId));
}

async function append(
  engine: Engine,
  conversationId: string,
  seq: number,
  at: number,
  type: 'message' | 'status' | 'joined' | 'left',
  extra = {},
) {
  const event = { conversationId, seq, createdAt: at, type, authorKind: 'agent' as const, ...extra };
  await put(engine, [lite.conversationEvents, pg.conversationEvents], [event]);
  await update(engine, conversationId, { lastSeq: seq, updatedAt: at });
}

describeOnEngines('the stored report facts', (engine) => {
  it('give the full recount’s summary, field by field, as conversations change, are rated and their hours change', async () => {
    await writeShop(engine());
    const services = servicesOn(engine());
    await expectRecount(services);
    // Every row stored by then: a report reads no log at all.
    services.stored.read.length = 0;
    await services.fromFacts.summary('s1', QUERIES[0]!, NOW);
    expect(services.stored.read).toEqual([]);
    // The figures main added are compared too, and are not empty here: c1's customer came back (c6) within 72 hours
    // of its close, so it counts as reopened beside c3; a1 held c1 as assignee, and both agents have rows with a load.
    const first = await services.fromFacts.summary('s1', QUERIES[0]!, NOW);
    if (!first.ok) throw new Error('a summary failed');
    expect(first.data.totals.reopened).toBe(2);
    expect(first.data.agentTime.map((row) => [row.agentId, row.chatSeconds, row.peakConcurrency, row.capacity])).toEqual([
      ['a1', 115, 1, 3],
      ['a2', 0, 0, 2],
    ]);

    // A reply, a close and a rating, a transfer to another department and agent, a missed chat, a verified customer.
    await append(engine(), 'c2', 6, t(8, 0) + 300 * S, 'message');
    // c6 goes to a2 and back to the queue (a2 leaves) before it closes: a handled stretch with an end.
    await append(engine(), 'c6', 3, t(8, 18) + 80 * S, 'joined', assignee('a2'));
    await append(engine(), 'c6', 4, t(8, 18) + 150 * S, 'left', { data: { agent: { id: 'a2', name: 'A2' }, reason: 'transfer' } });
    await append(engine(), 'c6', 5, t(8, 18) + 200 * S, 'status', { status: 'closed' });
    await update(engine(), 'c6', { status: 'closed' });
    const rating = { score: 2, comment: 'Slow', createdAt: t(8, 19) };
    await put(
      engine(),
      [lite.conversationRatings, pg.conversationRatings],
      [{ id: 'r-c6', siteId: 's1', conversationId: 'c6', visitorId: 'v1', round: t(8, 18) + 200 * S, ...rating }],
    );
    await update(engine(), 'c6', { rating });
    // c4 is taken by a1 and stays open: a stretch still held.
    await append(engine(), 'c4', 3, t(8, 12, 30), 'joined', assignee('a1'));
    await update(engine(), 'c4', { departmentId: 'd1', assigneeId: 'a1' });
    await update(engine(), 'c2', { missedAt: t(8, 0) + 400 * S });
    await verify(engine(), 'v-c2', 'cu1');
    services.stored.read.length = 0;
    await expectRecount(services);
    // Only the changed conversations' logs were read again (c4, c2 and c6 once each; the customer is read live).
    expect(services.stored.read.flat().sort()).toEqual(['c2', 'c4', 'c6']);

    // v1 answers c6's closing email the next day: a new conversation by email, so c6 is reopened by a return,
    // which no stored row holds (it depends on another conversation): c6's own row stays fresh.
    await chat(engine(), 's1', 'c10', t(9, 9), { origin: 'email', status: 'open' }, [[1, t(9, 9), 'message', 'visitor']], 'v1');
    services.stored.read.length = 0;
    await expectRecount(services);
    expect(new Set(services.stored.read.flat())).toEqual(new Set(['c10']));
    const changed = await services.fromFacts.summary('s1', QUERIES[0]!, NOW);
    if (!changed.ok) throw new Error('a summary failed');
    expect(changed.data.totals.reopened).toBe(3);
    expect(changed.data.agentTime.map((row) => [row.agentId, row.chatSeconds > 115, row.chatSeconds > 0])).toEqual([
      ['a1', true, true],
      ['a2', false, true],
    ]);

    // A second rating of c6 after a reopen, with no event: the rating alone makes its row stale.
    const second = { score: 5, comment: null, createdAt: t(9, 10) };
    await put(
      engine(),
      [lite.conversationRatings, pg.conversationRatings],
      [{ id: 'r-c6-2', siteId: 's1', conversationId: 'c6', visitorId: 'v1', round: t(9, 10), ...second }],
    );
    await update(engine(), 'c6', { rating: second });
    await expectRecount(services);

    // New hours for d1: every d1 row is measured again, the others are not.
    services.hours.d1 = { ...OFFICE, weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '20:00' })) };
    services.stored.read.length = 0;
    await expectRecount(services);
    expect(new Set(services.stored.read.flat())).toEqual(new Set(['c1', 'c3', 'c4']));
  });

  it('keeps the changed conversations fresh in the background, so a report then reads no log', async () => {
    await writeShop(engine());
    const services = servicesOn(engine());
    expect(await services.fromFacts.refreshChanged('s1', 0)).toBe(8);
    await append(engine(), 'c1', 8, t(12, 0), 'message');
    expect(await services.fromFacts.refreshChanged('s1', t(11, 0))).toBe(1);
    expect(await services.fromFacts.refreshChanged('s1', t(11, 0))).toBe(0);
    services.stored.read.length = 0;
    await expectRecount(services);
    expect(services.stored.read).toEqual([]);
  });
});
