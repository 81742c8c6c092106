import type { Engine } from '../../db/engine.ts';
import * as pg from '../../db/pg/schema/index.ts';
import * as lite from '../../db/schema.ts';
import { insertAgent, insertDepartment, insertSite } from '../../testing/engines.ts';
import type { ReportScope } from './reports.repository.ts';

// The reports' test shop, the same rows on either engine: reports.repository.test.ts and report-facts.test.ts read it.

/** A wall time in Madrid in December 2026 (UTC+1); the 7th is a Monday. */
export const t = (day: number, hour: number, minute = 0, second = 0) => Date.UTC(2026, 11, day, hour - 1, minute, second);
export const S = 1000;

/** The same rows into the same table, on either engine (schema-parity.test.ts holds the two row types equal). */
export async function put<T extends { $inferInsert: unknown }>(
  engine: Engine,
  tables: [T, unknown],
  rows: T['$inferInsert'][],
): Promise<void> {
  // Typed by the SQLite table; the casts stay here, where drizzle's two builders meet (a fixture may not import drizzle).
  if (engine.kind === 'sqlite')
    engine.db
      .insert(tables[0] as never)
      .values(rows as never)
      .run();
  else await engine.db.insert(tables[1] as never).values(rows as never);
}

type Event = [
  seq: number,
  at: number,
  type: 'message' | 'status' | 'joined' | 'left' | 'note',
  author: 'visitor' | 'agent' | 'system',
  extra?: object,
];

/** A conversation of `site` created at `at`, with its visitor (`v-<id>` unless named) and log. */
export async function chat(engine: Engine, site: string, id: string, at: number, row: object, log: Event[], visitorId = `v-${id}`) {
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
export async function writeShop(engine: Engine): Promise<void> {
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

export const RANGE: ReportScope = { siteId: 's1', from: t(7, 0), to: t(10, 0) };
export const ids = (list: { id: string }[]) => list.map((c) => c.id).sort();
