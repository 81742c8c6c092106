import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportSummary, Schedule } from '@mostrador/shared';
import { openDatabase } from '../../db/client.ts';
import type { Engine } from '../../db/engine.ts';
import { openPostgres } from '../../db/pg/client.ts';
import * as pg from '../../db/pg/schema/index.ts';
import * as lite from '../../db/schema.ts';
import { describeOnEngines, insertAgent, insertDepartment, insertSite } from '../../testing/engines.ts';
import { createTestDatabase } from '../../testing/postgres.ts';
import { reportsRepository } from './reports.module.ts';
import type { ReportScope } from './reports.repository.ts';
import { ReportsService } from './reports.service.ts';

/** A wall time in Madrid in December 2026 (UTC+1); the 7th is a Monday. */
const t = (day: number, hour: number, minute = 0, second = 0) => Date.UTC(2026, 11, day, hour - 1, minute, second);
const S = 1000;

/** The same rows into the same table, on either engine (schema-parity.test.ts holds the two row types equal). */
async function put<T extends SQLiteTable>(engine: Engine, tables: [T, PgTable], rows: T['$inferInsert'][]): Promise<void> {
  if (engine.kind === 'sqlite') engine.db.insert(tables[0]).values(rows).run();
  else await engine.db.insert(tables[1]).values(rows as PgTable['$inferInsert'][]);
}

type Event = [
  seq: number,
  at: number,
  type: 'message' | 'status' | 'joined' | 'left' | 'note',
  author: 'visitor' | 'agent' | 'system',
  extra?: object,
];

/** A conversation of `site` created at `at`, with its visitor (`v-<id>` unless named) and log. */
async function chat(engine: Engine, site: string, id: string, at: number, row: object, log: Event[], visitorId = `v-${id}`) {
  const conversation = {
    id,
    siteId: site,
    visitorId,
    visitorLabel: id,
    status: 'open' as const,
    lastSeq: log.length,
    createdAt: at,
    updatedAt: at,
  };
  await put(engine, [lite.conversations, pg.conversations], [{ ...conversation, ...row }]);
  const events = log.map(([seq, when, type, authorKind, extra]) => ({
    conversationId: id,
    seq,
    createdAt: when,
    type,
    authorKind,
    ...extra,
  }));
  if (events.length) await put(engine, [lite.conversationEvents, pg.conversationEvents], events);
}

/**
 * Site s1 (agents a1 and a2, department d1) and site s2, with conversations
 * around Madrid's day boundaries, two engines' worth of the same rows. The
 * report of the 7th to the 9th reads c1 (created at the 7th's first instant)
 * to c6; c7 (the 10th's first instant) and c8 (the 6th) are outside it.
 */
async function writeShop(engine: Engine): Promise<void> {
  for (const site of ['s1', 's2']) await insertSite(engine, site);
  for (const agent of ['a1', 'a2']) await insertAgent(engine, 's1', agent);
  await insertDepartment(engine, 's1', 'd1');
  await put(engine, [lite.customers, pg.customers], [{ id: 'cu1', siteId: 's1', externalId: 'x1', createdAt: 1, updatedAt: 1 }]);
  const visitor = (id: string, siteId = 's1', customerId: string | null = null) => ({
    id,
    siteId,
    customerId,
    tokenHash: id,
    label: id,
    createdAt: 1,
    lastSeenAt: 1,
  });
  await put(
    engine,
    [lite.visitors, pg.visitors],
    [visitor('v1', 's1', 'cu1'), ...['v-c2', 'v-c3', 'v-c4', 'v-c5', 'v-c7', 'v-c8', 'v9'].map((id) => visitor(id)), visitor('v-c9', 's2')],
  );
  await chat(
    engine,
    's1',
    'c1',
    t(7, 0),
    { departmentId: 'd1', assigneeId: 'a1', tags: ['vip', 'sale'], status: 'closed' },
    [
      [1, t(7, 0), 'message', 'visitor'],
      [2, t(7, 0) + 5 * S, 'joined', 'system', { data: { role: 'assignee', agent: { id: 'a1', name: 'A1' } } }],
      [3, t(7, 0) + 40 * S, 'message', 'agent'],
      [4, t(7, 0) + 45 * S, 'note', 'agent'],
      [5, t(7, 0) + 60 * S, 'message', 'visitor'],
      [6, t(7, 0) + 90 * S, 'message', 'agent'],
      [7, t(7, 0) + 120 * S, 'status', 'agent', { status: 'closed' }],
    ],
    'v1',
  );
  // The 7th's last millisecond; a guest joining is no assignment, a joined event without data is.
  const c2 = t(8, 0) - 1;
  await chat(engine, 's1', 'c2', c2, { assigneeId: 'a2', origin: 'trigger' }, [
    [1, c2, 'message', 'visitor'],
    [2, c2 + S, 'joined', 'system', { data: { role: 'guest' } }],
    [3, c2 + 2 * S, 'joined', 'system'],
    [4, c2 + 100 * S, 'message', 'agent'],
    // The assignee goes offline: the chat leaves them.
    [5, c2 + 200 * S, 'left', 'system', { data: { agent: { id: 'a2', name: 'A2' }, reason: 'offline' } }],
  ]);
  // Closed, reopened, closed again: rated at each close.
  await chat(engine, 's1', 'c3', t(8, 9), { departmentId: 'd1', assigneeId: 'a1', tags: ['vipx'], status: 'closed' }, [
    [1, t(8, 9), 'message', 'visitor'],
    [2, t(8, 9) + 20 * S, 'message', 'agent'],
    [3, t(8, 9) + 30 * S, 'status', 'agent', { status: 'closed' }],
    [4, t(8, 9) + 40 * S, 'status', 'visitor', { status: 'open' }],
    [5, t(8, 9) + 50 * S, 'message', 'visitor'],
    [6, t(8, 9) + 80 * S, 'message', 'agent'],
    [7, t(8, 9) + 100 * S, 'status', 'agent', { status: 'closed' }],
  ]);
  // Missed in the queue; the system's line is not the visitor's.
  await chat(engine, 's1', 'c4', t(8, 12), { missedAt: t(8, 12, 5) }, [
    [1, t(8, 12), 'message', 'visitor'],
    [2, t(8, 12, 5), 'message', 'system'],
  ]);
  await chat(engine, 's1', 'c5', t(8, 13), { origin: 'agent', ticketSince: t(8, 13) }, [[1, t(8, 13), 'message', 'agent']]);
  // v1 again: one customer, two conversations.
  await chat(
    engine,
    's1',
    'c6',
    t(8, 18),
    { assigneeId: 'a2' },
    [
      [1, t(8, 18), 'message', 'visitor'],
      [2, t(8, 18) + 70 * S, 'message', 'agent'],
    ],
    'v1',
  );
  await chat(engine, 's1', 'c7', t(10, 0), { status: 'closed' }, [[1, t(10, 0), 'message', 'visitor']]);
  await chat(engine, 's1', 'c8', t(6, 23, 30), { status: 'closed' }, [
    [1, t(6, 23, 30), 'message', 'visitor'],
    [2, t(6, 23, 30) + 10 * S, 'message', 'agent'],
  ]);
  await chat(engine, 's2', 'c9', t(8, 10), {}, [[1, t(8, 10), 'message', 'visitor']]);
  await put(
    engine,
    [lite.conversationRatings, pg.conversationRatings],
    [
      {
        id: 'r-c3-2',
        siteId: 's1',
        conversationId: 'c3',
        visitorId: 'v-c3',
        round: t(8, 9) + 100 * S,
        score: 4,
        comment: 'Better',
        createdAt: 2,
      },
      {
        id: 'r-c3-1',
        siteId: 's1',
        conversationId: 'c3',
        visitorId: 'v-c3',
        round: t(8, 9) + 30 * S,
        score: 3,
        comment: null,
        createdAt: 1,
      },
      {
        id: 'r-c1',
        siteId: 's1',
        conversationId: 'c1',
        visitorId: 'v1',
        round: t(7, 0) + 120 * S,
        score: 5,
        comment: 'Great',
        createdAt: 1,
      },
    ],
  );
  const rule = {
    siteId: 's1',
    position: 0,
    enabled: true,
    conditions: [],
    frequency: { kind: 'once_per_session' as const },
    createdAt: 1,
    updatedAt: 1,
  };
  const action = { kind: 'open' as const, message: 'Hola', agentId: null, departmentId: null, tags: [] };
  await put(engine, [lite.triggerRules, pg.triggerRules], [{ ...rule, id: 'r1', name: 'Welcome', action }]);
  // c2 was fired at twice, by a rule since deleted and then by r1: the latest firing names it; c6's rule is gone.
  const firing = (id: number, ruleId: string, conversationId: string, visitorId: string) => ({
    id,
    siteId: 's1',
    ruleId,
    visitorId,
    firingId: `f${id}`,
    outcome: 'fired' as const,
    at: t(7, 23),
    conversationId,
  });
  await put(
    engine,
    [lite.triggerFirings, pg.triggerFirings],
    [firing(1, 'gone', 'c2', 'v-c2'), firing(2, 'r1', 'c2', 'v-c2'), firing(3, 'gone', 'c6', 'v1')],
  );
  const view = (visitorId: string, startedAt: number) => ({
    visitorId,
    url: 'https://shop.example/',
    title: 'Shop',
    referrer: '',
    startedAt,
    seconds: 5,
  });
  await put(
    engine,
    [lite.pageViews, pg.pageViews],
    [view('v1', t(6, 23)), view('v1', t(8, 1)), view('v1', t(7, 1)), view('v9', t(8, 10)), view('v-c9', t(8, 10))],
  );
  const cart = (visitorId: string, at: number, change: 'checkout' | 'purchase' | 'added', total: number, currency = 'EUR') => ({
    visitorId,
    at,
    change,
    total,
    currency,
  });
  await put(
    engine,
    [lite.cartEvents, pg.cartEvents],
    [
      cart('v1', t(8, 11), 'checkout', 40.5),
      cart('v1', t(8, 12), 'purchase', 40.5),
      cart('v1', t(8, 12), 'added', 9.99),
      cart('v9', t(9, 10), 'purchase', 30.1),
      cart('v9', t(9, 11), 'purchase', 0.07, 'USD'),
      cart('v-c9', t(8, 12), 'purchase', 1000),
    ],
  );
}

const RANGE: ReportScope = { siteId: 's1', from: t(7, 0), to: t(10, 0) };
const ids = (list: { id: string }[]) => list.map((c) => c.id).sort();

describeOnEngines('the reports repository', (engine) => {
  it('reads the conversations created in [from, to) on the site, each with its timeline and ratings in order', async () => {
    await writeShop(engine());
    const repo = reportsRepository(engine());
    const found = await repo.conversationsIn(RANGE);
    expect(ids(found)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    const byId = new Map(found.map((c) => [c.id, c]));
    expect(byId.get('c1')).toEqual({
      id: 'c1',
      visitorId: 'v1',
      customerId: 'cu1',
      origin: 'visitor',
      departmentId: 'd1',
      assigneeId: 'a1',
      status: 'closed',
      createdAt: t(7, 0),
      ticketSince: null,
      missedAt: null,
      events: [
        { kind: 'visitor', at: t(7, 0) },
        { kind: 'assigned', at: t(7, 0) + 5 * S, agentId: 'a1' },
        { kind: 'agent', at: t(7, 0) + 40 * S },
        { kind: 'visitor', at: t(7, 0) + 60 * S },
        { kind: 'agent', at: t(7, 0) + 90 * S },
        { kind: 'closed', at: t(7, 0) + 120 * S },
      ],
      ratings: [{ score: 5, comment: 'Great' }],
    });
    // A guest's joining is no assignment; a joined event without data is, of nobody known; an agent leaving is read with who.
    expect(byId.get('c2')?.events.slice(1)).toEqual([
      { kind: 'assigned', at: t(8, 0) - 1 + 2 * S },
      { kind: 'agent', at: t(8, 0) - 1 + 100 * S },
      { kind: 'unassigned', at: t(8, 0) - 1 + 200 * S, agentId: 'a2' },
    ]);
    expect(byId.get('c3')?.events.map((e) => e.kind)).toEqual(['visitor', 'agent', 'closed', 'reopened', 'visitor', 'agent', 'closed']);
    expect(byId.get('c3')?.ratings).toEqual([
      { score: 3, comment: null },
      { score: 4, comment: 'Better' },
    ]);
    expect(byId.get('c4')).toMatchObject({ missedAt: t(8, 12, 5), events: [{ kind: 'visitor', at: t(8, 12) }], ratings: [] });
    expect(byId.get('c5')).toMatchObject({ origin: 'agent', ticketSince: t(8, 13), customerId: null });
    // A day's bounds: its first instant is in, the next day's first instant is out; an empty period has nothing.
    expect(ids(await repo.conversationsIn({ ...RANGE, from: t(8, 0) - 1, to: t(8, 0) }))).toEqual(['c2']);
    expect(await repo.conversationsIn({ ...RANGE, from: t(9, 0), to: t(10, 0) })).toEqual([]);
  });

  it('narrows to a department, an agent, an origin or a tag, the timelines with them', async () => {
    await writeShop(engine());
    const repo = reportsRepository(engine());
    expect(ids(await repo.conversationsIn({ ...RANGE, departmentId: 'd1' }))).toEqual(['c1', 'c3']);
    expect(ids(await repo.conversationsIn({ ...RANGE, agentId: 'a2' }))).toEqual(['c2', 'c6']);
    expect(ids(await repo.conversationsIn({ ...RANGE, origin: 'trigger' }))).toEqual(['c2']);
    // A whole tag, never part of one.
    const vip = await repo.conversationsIn({ ...RANGE, tag: 'vip' });
    expect(ids(vip)).toEqual(['c1']);
    expect(vip[0]?.events).toHaveLength(6);
    expect(await repo.conversationsIn({ ...RANGE, tag: 'vi' })).toEqual([]);
    // An empty filter is no filter, for the rows and their timelines alike.
    const all = await repo.conversationsIn({ ...RANGE, agentId: '', tag: '' });
    expect(ids(all)).toHaveLength(6);
    expect(all.find((c) => c.id === 'c1')?.events).toHaveLength(6);
  });

  it('reads the rules behind the chats, the visitors who chatted, first visits and checkouts and purchases', async () => {
    await writeShop(engine());
    const repo = reportsRepository(engine());
    expect(await repo.rulesOf(RANGE)).toEqual(
      new Map([
        ['c2', { id: 'r1', name: 'Welcome' }],
        ['c6', { id: 'gone', name: null }],
      ]),
    );
    expect(await repo.rulesOf({ ...RANGE, agentId: 'a1' })).toEqual(new Map());
    expect(await repo.conversationVisitors('s1', RANGE.from, RANGE.to)).toEqual(new Set(['v1', 'v-c2', 'v-c3', 'v-c4', 'v-c5']));
    const visits = await repo.firstVisits('s1', RANGE.from, RANGE.to);
    expect(visits.sort((a, b) => a.firstSeenAt - b.firstSeenAt)).toEqual([
      { visitorId: 'v1', firstSeenAt: t(7, 1) },
      { visitorId: 'v9', firstSeenAt: t(8, 10) },
    ]);
    // Both ends in; only checkouts and purchases; the other site's never.
    const stages = await repo.cartStages('s1', t(8, 11), t(9, 10));
    expect(stages.checkouts).toEqual([expect.objectContaining({ visitorId: 'v1', at: t(8, 11) })]);
    expect(
      stages.purchases.map(({ visitorId, at, total, currency }) => ({ visitorId, at, total, currency })).sort((a, b) => a.at - b.at),
    ).toEqual([
      { visitorId: 'v1', at: t(8, 12), total: 40.5, currency: 'EUR' },
      { visitorId: 'v9', at: t(9, 10), total: 30.1, currency: 'EUR' },
    ]);
  });
});

/** Weekdays 9:00–17:00 in Madrid: d1's line, for the business-time figures; the rest of the site is always open. */
const OFFICE: Schedule = {
  timeZone: 'Europe/Madrid',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })),
  holidays: [],
  closures: [],
};

function serviceOn(engine: Engine): ReportsService {
  return new ReportsService(reportsRepository(engine), {
    timeZoneOf: () => 'Europe/Madrid',
    scheduleFor: (_site, departmentId) => (departmentId === 'd1' ? OFFICE : null),
    npsBetween: async () => ({ responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null }),
    statusChanges: async () => [],
    capacityOf: () => 2,
  });
}

describe('the same rows on SQLite and PostgreSQL', () => {
  const closing: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
  });

  /** Both engines, fresh, with the shop written to each. */
  async function bothShops(): Promise<[Engine, Engine]> {
    const dir = mkdtempSync(join(tmpdir(), 'mostrador-reports-'));
    const { db, sqlite } = openDatabase(join(dir, 'test.sqlite'));
    closing.push(async () => {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const database = await createTestDatabase();
    const opened = await openPostgres(database.url);
    closing.push(async () => {
      await opened.close();
      await database.drop();
    });
    const engines: [Engine, Engine] = [
      { kind: 'sqlite', db },
      { kind: 'postgres', db: opened.db },
    ];
    for (const engine of engines) await writeShop(engine);
    return engines;
  }

  it('give the same report, figure for figure, in any zone and with any filter', async () => {
    const [sqlite, postgres] = await bothShops();
    const now = t(12, 12);
    const queries = [
      { from: '2026-12-07', to: '2026-12-09' },
      { from: '2026-12-07', to: '2026-12-09', timeZone: 'America/New_York' },
      { from: '2026-12-07', to: '2026-12-09', timeZone: 'Asia/Kolkata', departmentId: 'd1' },
      { from: '2026-12-08', to: '2026-12-08', tag: 'vip', attributionDays: 1 },
      { from: '2026-12-20', to: '2026-12-21' },
    ];
    for (const query of queries) {
      const lite = await serviceOn(sqlite).summary('s1', query, now);
      const pg = await serviceOn(postgres).summary('s1', query, now);
      expect(pg).toEqual(lite);
      expect(lite.ok).toBe(true);
    }
  });

  it('agree on the figures worked out by hand: an even count’s median and p90, business time, day rows, revenue', async () => {
    const [sqlite, postgres] = await bothShops();
    for (const engine of [sqlite, postgres]) {
      const result = await serviceOn(engine).summary('s1', { from: '2026-12-07', to: '2026-12-09' }, t(12, 12));
      if (!result.ok) throw new Error(result.error.message);
      const report: ReportSummary = result.data;
      // First responses of 40, 100, 20 and 70 s: the median is the mean of 40 and 70, p90 the largest.
      expect(report.firstResponse.raw).toMatchObject({ count: 4, totalSeconds: 230, medianSeconds: 55, p90Seconds: 100 });
      // c1 was answered at 00:00:40 on a Monday, before d1 opens at 9: no business time; c3's 20 s were in hours.
      expect(report.firstResponse.business).toMatchObject({ count: 4, totalSeconds: 190 });
      // c1 at the 7th's first instant and c2 at its last millisecond fall on the 7th; the 9th is an empty row.
      expect(report.days.map((d) => [d.date, d.conversations])).toEqual([
        ['2026-12-07', 2],
        ['2026-12-08', 4],
        ['2026-12-09', 0],
      ]);
      // Reopened: c3 in itself, and c1, whose customer started c6 the next day.
      expect(report.totals).toMatchObject({ tickets: 1, missed: 1, closed: 2, reopened: 2, ratings: 3, comments: 2 });
      expect(report.uniqueCustomers).toBe(5);
      expect(report.csatAverage).toBe(4);
      expect(report.previous).toMatchObject({ from: '2026-12-04', to: '2026-12-06', conversations: 1, firstResponseMedianSeconds: 10 });
      // v1 bought after chatting; v9, who never chatted, is the baseline; cents never drift, whatever the engine's float.
      expect(report.revenue.chat.revenue).toEqual([{ currency: 'EUR', amount: 40.5 }]);
      expect(report.revenue.baseline.revenue).toEqual([
        { currency: 'EUR', amount: 30.1 },
        { currency: 'USD', amount: 0.07 },
      ]);
    }
  });
});
