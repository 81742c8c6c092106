import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportSummary, Schedule } from '@mostrador/shared';
import { openDatabase } from '../../db/client.ts';
import type { Engine } from '../../db/engine.ts';
import { openPostgres } from '../../db/pg/client.ts';
import { describeOnEngines } from '../../testing/engines.ts';
import { createTestDatabase } from '../../testing/postgres.ts';
import { reportsRepository } from './reports.module.ts';
import { ReportsService } from './reports.service.ts';

import { ids, RANGE, S, t, writeShop } from './reports.fixture.ts';

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
      // What stored facts computed from it are checked against.
      signature: { lastSeq: 7, status: 'closed', missedAt: null, ticketSince: null, rating: null },
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
