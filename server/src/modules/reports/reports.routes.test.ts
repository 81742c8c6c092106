import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportSummary, ReportTally } from '@mostrador/shared';
import type { App } from '../../app.ts';
import type { conversationEvents, conversations } from '../../db/schema.ts';
import { buildTestApp, siteWithAdminAndAgent, sqlOn } from '../../testing/harness.ts';
import { insertRows } from '../../testing/engines.ts';

let app: App;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({ statusSweepMs: 0 }));
});

afterEach(() => cleanup());

/** A wall time in Madrid in December 2026 (UTC+1); 7 December is a Monday. */
const t = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);
type Step = ['visitor' | 'agent' | 'note' | 'closed' | 'assigned', number];

/** Writes a conversation with a known log straight into the database, as the conversations module would have. */
async function seed(
  siteId: string,
  id: string,
  steps: Step[],
  row: Partial<typeof conversations.$inferInsert> = {},
  // Who joins on 'assigned': the conversation's assignee, as routing would have written it.
  agent: { id: string; name: string } = { id: row.assigneeId ?? 'agt_x', name: 'X' },
) {
  const { visitor } = await app.services.visitors.identify(siteId, undefined);
  const createdAt = steps[0]![1];
  const last = steps.at(-1)!;
  await insertRows(app.engine, 'conversations', [
    {
      id,
      siteId,
      visitorId: visitor.id,
      visitorLabel: visitor.label,
      status: last[0] === 'closed' ? 'closed' : 'open',
      lastSeq: steps.length,
      createdAt,
      updatedAt: last[1],
      ...row,
    },
  ]);
  await insertRows(
    app.engine,
    'conversationEvents',
    steps.map(([kind, at], i) => ({
      conversationId: id,
      seq: i + 1,
      createdAt: at,
      ...(kind === 'visitor' || kind === 'agent' ? { type: 'message' as const, authorKind: kind, body: 'Hola' } : {}),
      ...(kind === 'note' ? { type: 'note' as const, authorKind: 'agent' as const, body: 'psst' } : {}),
      ...(kind === 'closed' ? { type: 'status' as const, authorKind: 'agent' as const, status: 'closed' as const } : {}),
      ...(kind === 'assigned'
        ? { type: 'joined' as const, authorKind: 'system' as const, data: { agent, role: 'assignee' as const } }
        : {}),
    })) as (typeof conversationEvents.$inferInsert)[],
  );
  return visitor;
}

async function seedShop() {
  const { site, admin, plain } = await siteWithAdminAndAgent(app);
  const idOf = (email: string) => sqlOn(app.engine).one<{ id: string }>('SELECT id FROM agents WHERE email = ?', email);
  const [adminAgent, plainAgent] = [await idOf('admin@shop.example'), await idOf('plain@shop.example')];
  await app.services.hours.replace(site.id, {
    site: {
      timeZone: 'Europe/Madrid',
      weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })),
      holidays: [],
      closures: [],
    },
    departments: [],
  });
  await insertRows(app.engine, 'departments', [
    { id: 'dep_sales', siteId: site.id, slug: 'sales', name: 'Sales', routing: 'auto', createdAt: 0 },
  ]);
  // A: answered in 3 minutes (the note before the answer is no answer), rated 5 with a comment.
  const a = await seed(
    site.id,
    'cnv_a',
    [
      ['visitor', t(7, 10)],
      ['assigned', t(7, 10, 1)],
      ['note', t(7, 10, 2)],
      ['agent', t(7, 10, 3)],
      ['closed', t(7, 10, 20)],
    ],
    { departmentId: 'dep_sales', assigneeId: adminAgent.id, tags: ['devolucio', 'vip'] },
  );
  await insertRows(app.engine, 'conversationRatings', [
    {
      id: 'rat_a',
      siteId: site.id,
      conversationId: 'cnv_a',
      visitorId: a.id,
      round: 1,
      score: 5,
      comment: 'Gracias',
      createdAt: t(7, 10, 21),
    },
  ]);
  await insertRows(app.engine, 'npsResponses', [{ id: 'nps_a', siteId: site.id, visitorId: a.id, score: 10, createdAt: t(7, 10, 22) }]);
  // B: ten minutes before closing, answered the next morning.
  await seed(
    site.id,
    'cnv_b',
    [
      ['visitor', t(7, 16, 50)],
      ['assigned', t(7, 16, 51)],
      ['agent', t(8, 9, 10)],
      ['closed', t(8, 9, 30)],
    ],
    { assigneeId: plainAgent.id, origin: 'trigger', tags: ['vip'] },
  );
  // C: 00:30 on Tuesday in Madrid (still Monday in UTC); the shopper left while queued.
  await seed(site.id, 'cnv_c', [['visitor', t(8, 0, 30)]], { missedAt: t(8, 0, 35) });
  // Another shop's chat on the same day is never counted.
  const other = await app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] });
  await seed(other.id, 'cnv_other', [
    ['visitor', t(7, 11)],
    ['agent', t(7, 11, 1)],
  ]);
  return { site, admin, plain, plainAgent, adminAgent };
}

const get = (url: string, cookies: Record<string, string>) => app.inject({ method: 'GET', url, cookies });

describe('the reports', () => {
  it('sums a range of days in the site’s zone, raw and in business hours', async () => {
    const { admin } = await seedShop();
    const res = await get('/api/admin/reports/summary?from=2026-12-07&to=2026-12-08', admin);
    expect(res.statusCode).toBe(200);
    const report = res.json<ReportSummary>();
    expect(report.timeZone).toBe('Europe/Madrid');
    expect(report.days.map((d) => [d.date, d.conversations])).toEqual([
      ['2026-12-07', 2],
      ['2026-12-08', 1],
    ]);
    expect(report.totals).toMatchObject({
      conversations: 3,
      answered: 2,
      firstResponseSeconds: 180 + 58_800,
      firstResponseBusinessSeconds: 180 + 1200,
    });
    expect(report.firstResponse.raw).toMatchObject({ medianSeconds: 29_490, p90Seconds: 58_800 });
    expect(report.firstResponse.business).toMatchObject({ medianSeconds: 690, p90Seconds: 1200 });
    expect(report.resolution.raw).toMatchObject({ count: 2, medianSeconds: Math.round((1200 + 60_000) / 2) });
    expect(report.wait).toMatchObject({ count: 2, medianSeconds: 60 });
    expect(report).toMatchObject({ uniqueCustomers: 3, abandonmentRate: 33.3, csatShare: 100, csatAverage: 5 });
    expect(report.totals).toMatchObject({ missed: 1, abandoned: 1, comments: 1 });
    expect(report.nps).toMatchObject({ responses: 1, nps: 100 });
    expect(report.heatmap[1]![10]).toBe(1);
    expect(report.heatmap[2]![0]).toBe(1);
  });

  it('reads the days in the zone asked for, and filters by department and by agent', async () => {
    const { admin, plainAgent } = await seedShop();
    const utc = (await get('/api/admin/reports/summary?from=2026-12-07&to=2026-12-07&timeZone=UTC', admin)).json<ReportSummary>();
    expect(utc.days).toEqual([expect.objectContaining({ date: '2026-12-07', conversations: 3 })]);
    const sales = (
      await get('/api/admin/reports/summary?from=2026-12-07&to=2026-12-08&departmentId=dep_sales', admin)
    ).json<ReportSummary>();
    expect(sales.totals.conversations).toBe(1);
    expect(sales.byDepartment).toEqual([
      {
        id: 'dep_sales',
        conversations: 1,
        firstResponseMedianSeconds: 180,
        revenue: expect.objectContaining({ visitors: 1 }),
        tally: sales.totals,
      },
    ]);
    const plain = (
      await get(`/api/admin/reports/summary?from=2026-12-07&to=2026-12-08&agentId=${plainAgent.id}`, admin)
    ).json<ReportSummary>();
    expect(plain.byAgent).toEqual([
      {
        id: plainAgent.id,
        conversations: 1,
        firstResponseMedianSeconds: 58_800,
        revenue: expect.objectContaining({ visitors: 1 }),
        tally: plain.totals,
      },
    ]);
  });

  it('filters by how the conversation started and by a tag it carries, in the figures and in their timelines', async () => {
    const { admin, site } = await seedShop();
    const report = async (filter: string) =>
      (await get(`/api/admin/reports/summary?from=2026-12-07&to=2026-12-08&${filter}`, admin)).json<ReportSummary>();
    const fromTrigger = await report('origin=trigger');
    expect(fromTrigger.totals).toMatchObject({
      conversations: 1,
      fromTrigger: 1,
      fromVisitor: 0,
      answered: 1,
      firstResponseSeconds: 58_800,
    });
    const fromVisitor = await report('origin=visitor');
    expect(fromVisitor.totals).toMatchObject({ conversations: 2, fromVisitor: 2, answered: 1, firstResponseSeconds: 180, ratings: 1 });
    // Tags are matched whole, as written on the conversation (a name is stored in lower case; the query is read the same way).
    const vip = await report('tag=VIP');
    expect(vip.totals).toMatchObject({ conversations: 2, answered: 2, firstResponseSeconds: 180 + 58_800 });
    const returns = await report('tag=devolucio');
    expect(returns.totals).toMatchObject({ conversations: 1, answered: 1, firstResponseSeconds: 180, ratings: 1 });
    expect((await report('tag=devol')).totals.conversations).toBe(0);
    // Filters add up: a tag and an origin together.
    expect((await report('tag=vip&origin=trigger')).totals.conversations).toBe(1);
    // An emailed answer to a closed chat starts a conversation "by email": its own origin, in the figures and the filter.
    await seed(site.id, 'cnv_mail', [['visitor', t(8, 11)]], { origin: 'email' });
    expect((await report('origin=email')).totals).toMatchObject({ conversations: 1, fromEmail: 1, fromVisitor: 0 });
    expect((await report('')).totals).toMatchObject({ conversations: 4, fromVisitor: 2, fromTrigger: 1, fromEmail: 1 });
    expect((await get('/api/admin/reports/summary?from=2026-12-07&to=2026-12-08&origin=fax', admin)).statusCode).toBe(400);
  });

  it('compares with as many local days just before, with the same filters', async () => {
    const { admin, plainAgent } = await seedShop();
    // 8–9 December against 6–7 December: A and B (the 7th, the previous period's last day) count there;
    // C, at 00:30 on the 8th in Madrid (still the 7th in UTC), is the current period's.
    const report = (await get('/api/admin/reports/summary?from=2026-12-08&to=2026-12-09', admin)).json<ReportSummary>();
    expect(report.totals.conversations).toBe(1);
    expect(report.previous).toEqual({
      from: '2026-12-06',
      to: '2026-12-07',
      conversations: 2,
      uniqueCustomers: 2,
      firstResponseMedianSeconds: 29_490,
      responseMeanSeconds: 29_490,
      resolutionMedianSeconds: Math.round((1200 + 60_000) / 2),
      waitMedianSeconds: 60,
      abandonmentRate: 0,
      missed: 0,
      ticketsOutOfHours: 0,
      csatShare: 100,
      csatAverage: 5,
      nps: 100,
      reopenRate: 0,
    });
    const plain = (
      await get(`/api/admin/reports/summary?from=2026-12-08&to=2026-12-09&agentId=${plainAgent.id}`, admin)
    ).json<ReportSummary>();
    expect(plain.previous).toMatchObject({ conversations: 1, firstResponseMedianSeconds: 58_800, csatShare: null });
    // One day against the day before: C is not in its own previous day.
    const day = (await get('/api/admin/reports/summary?from=2026-12-08&to=2026-12-08', admin)).json<ReportSummary>();
    expect(day.previous).toMatchObject({ from: '2026-12-07', to: '2026-12-07', conversations: 2, missed: 0 });
  });

  it('counts a close as reopened when the same customer starts another conversation within 3 days, whatever its line or date', async () => {
    const { admin, site } = await seedShop();
    const visitorOf = async (id: string) =>
      (await sqlOn(app.engine).one<{ visitorId: string; visitorLabel: string }>(
        'SELECT visitor_id AS "visitorId", visitor_label AS "visitorLabel" FROM conversations WHERE id = ?',
        id,
      ))!;
    const summary = async (filter = '') =>
      (await get(`/api/admin/reports/summary?from=2026-12-07&to=2026-12-08${filter}`, admin)).json<ReportSummary>();
    // A (Sales) and B are closed; nobody came back yet.
    expect((await summary()).totals).toMatchObject({ closed: 2, reopened: 0 });
    // A's shopper writes again two days after A closed: after the period, in no department.
    await seed(site.id, 'cnv_a_again', [['visitor', t(9, 12)]], await visitorOf('cnv_a'));
    // B's shopper hears from an agent proactively the next day: the shop came back, not the customer.
    await seed(
      site.id,
      'cnv_b_proactive',
      [
        ['agent', t(9, 9)],
        ['closed', t(9, 9, 5)],
      ],
      { ...(await visitorOf('cnv_b')), origin: 'agent' },
    );
    const all = await summary();
    expect(all.totals).toMatchObject({ closed: 2, reopened: 1 });
    expect(all.reopenRate).toBe(50);
    expect(all.days.find((d) => d.date === '2026-12-07')).toMatchObject({ reopened: 1 });
    // Filtered to Sales, the return in another line still counts: A was not resolved.
    expect((await summary('&departmentId=dep_sales')).reopenRate).toBe(100);
    // Past the 72 hours, writing again is a new matter.
    await seed(site.id, 'cnv_b_late', [['visitor', t(11, 9, 31)]], await visitorOf('cnv_b'));
    expect((await summary()).totals).toMatchObject({ closed: 2, reopened: 1 });
  });

  it('exports one CSV row per day whose columns sum to the summary’s totals', async () => {
    const { admin } = await seedShop();
    const query = 'from=2026-12-06&to=2026-12-09';
    const summary = (await get(`/api/admin/reports/summary?${query}`, admin)).json<ReportSummary>();
    const csv = await get(`/api/admin/reports/days.csv?${query}`, admin);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="report-2026-12-06-2026-12-09.csv"');
    const [header, ...rows] = csv.body
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(rows.map((r) => r[0])).toEqual(['2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09']);
    // The tally's columns; the revenue columns after them have their own test (reports.revenue.test.ts).
    const keys = header!.slice(1, 1 + Object.keys(summary.totals).length) as (keyof ReportTally)[];
    expect(keys).toEqual(Object.keys(summary.totals));
    keys.forEach((key, i) =>
      expect(
        rows.reduce((sum, r) => sum + Number(r[i + 1]), 0),
        key,
      ).toBe(summary.totals[key]),
    );
    summary.days.forEach((day, d) => keys.forEach((key, i) => expect(Number(rows[d]![i + 1])).toBe(day[key])));
  });

  it('exports one CSV row per agent, business-hours aware, whose columns sum to the summary’s per-agent figures', async () => {
    const { site, admin, plainAgent, adminAgent } = await seedShop();
    // A name a spreadsheet would run as a formula, with a comma and quotes in it; and an agent with time but no conversation
    // (on the 7th: time is counted up to now, and these tests were written on the 7th).
    expect((await app.services.agents.update(site.id, plainAgent.id, { name: '=Plain, "P"' })).ok).toBe(true);
    const third = await app.services.agents.create({
      siteId: site.id,
      email: 'third@shop.example',
      name: 'Third',
      role: 'agent',
      password: 'third-pass',
    });
    const thirdId = third.ok ? third.data.id : '';
    await insertRows(app.engine, 'agentStatusChanges', [
      { siteId: site.id, agentId: plainAgent.id, status: 'online', at: t(7, 9) },
      { siteId: site.id, agentId: plainAgent.id, status: 'offline', at: t(7, 17) },
      { siteId: site.id, agentId: thirdId, status: 'online', at: t(7, 11) },
      { siteId: site.id, agentId: thirdId, status: 'away', at: t(7, 12) },
      { siteId: site.id, agentId: thirdId, status: 'offline', at: t(7, 12, 30) },
    ]);
    const query = 'from=2026-12-06&to=2026-12-09';
    const summary = (await get(`/api/admin/reports/summary?${query}`, admin)).json<ReportSummary>();
    const csv = await get(`/api/admin/reports/agents.csv?${query}`, admin);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="report-agents-2026-12-06-2026-12-09.csv"');
    const lines = csv.body.trim().split('\r\n');
    // The name is quoted, its quotes doubled and its leading = defused; it is the only field with a comma: read it apart.
    const quoted = `"'=Plain, ""P"""`;
    expect(lines.find((line) => line.startsWith(plainAgent.id))).toContain(`,${quoted},`);
    const [header, ...rows] = lines.map((line) => line.replace(quoted, 'PLAIN').split(','));
    const column = (name: string) => header!.indexOf(name);
    // The summary's agent rows in its order (most conversations first), then the agent with time only.
    const names = new Map([
      [adminAgent.id, 'Admin'],
      [plainAgent.id, 'PLAIN'],
      ['', ''],
    ]);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ...summary.byAgent.map((group) => [group.id ?? '', names.get(group.id ?? '')]),
      [thirdId, 'Third'],
    ]);
    const rowOf = (id: string) => rows.find((r) => r[0] === id)!;
    // Every figure of the tally, raw and in business hours, sums to the total, and each row is the summary's agent row.
    const keys = Object.keys(summary.totals) as (keyof ReportTally)[];
    expect(header!.slice(2, 2 + keys.length)).toEqual(keys);
    for (const key of keys)
      expect(
        rows.reduce((sum, r) => sum + Number(r[column(key)]), 0),
        key,
      ).toBe(summary.totals[key]);
    summary.byAgent.forEach((group, i) => {
      expect(rows[i]![0]).toBe(group.id ?? '');
      for (const key of keys) expect(Number(rows[i]![column(key)]), `${group.id} ${key}`).toBe(group.tally[key]);
      expect(Number(rows[i]![column('conversations')])).toBe(group.conversations);
      expect(Number(rows[i]![column('chatVisitors')])).toBe(group.revenue.visitors);
    });
    // B, answered the next morning: 16 h 20 min on the wall clock, 20 min of open hours.
    const b = rowOf(plainAgent.id);
    expect([b[column('firstResponseSeconds')], b[column('firstResponseBusinessSeconds')]]).toEqual(['58800', '1200']);
    expect(rows.reduce((sum, r) => sum + Number(r[column('chatVisitors')]), 0)).toBe(summary.revenue.chat.visitors);
    // Time online and away, from the log of status changes: the summary's, and none for nobody.
    const time = (r: string[]) => [r[column('onlineSeconds')], r[column('awaySeconds')]];
    expect([adminAgent.id, plainAgent.id, '', thirdId].map((id) => time(rowOf(id)))).toEqual([
      ['0', '0'],
      ['28800', '0'],
      ['0', '0'],
      ['3600', '1800'],
    ]);
    expect(summary.agentTime.find((row) => row.agentId === thirdId)).toMatchObject({ onlineSeconds: 3600, awaySeconds: 1800 });
    // The admin held A for 19 minutes, with no time signed in to divide by: chat load without ratios.
    const load = (r: string[]) => ['chatSeconds', 'concurrency', 'peakConcurrency', 'utilisation', 'capacity'].map((c) => r[column(c)]);
    expect(load(rowOf(adminAgent.id))).toEqual(['1140', '', '1', '', '3']);
    expect(load(rowOf(''))).toEqual(['', '', '', '', '']);
    // The same filters as the summary: the plain agent's row alone.
    const filtered = await get(`/api/admin/reports/agents.csv?${query}&agentId=${plainAgent.id}`, admin);
    expect(
      filtered.body
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual([plainAgent.id]);
  });

  it('answers admins only, and refuses a backwards range, a long one and an unknown zone', async () => {
    const { admin, plain } = await seedShop();
    expect((await get('/api/admin/reports/summary?from=2026-12-07&to=2026-12-08', plain)).statusCode).toBe(403);
    expect((await get('/api/admin/reports/days.csv?from=2026-12-07&to=2026-12-08', {})).statusCode).toBe(401);
    expect((await get('/api/admin/reports/agents.csv?from=2026-12-07&to=2026-12-08', plain)).statusCode).toBe(403);
    expect((await get('/api/admin/reports/agents.csv?from=2026-12-07&to=2026-12-08', {})).statusCode).toBe(401);
    expect((await get('/api/admin/reports/agents.csv?from=2026-12-08&to=2026-12-07', admin)).statusCode).toBe(400);
    const backwards = await get('/api/admin/reports/summary?from=2026-12-08&to=2026-12-07', admin);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('invalid_payload');
    expect((await get('/api/admin/reports/summary?from=2025-01-01&to=2026-12-07', admin)).statusCode).toBe(400);
    expect((await get('/api/admin/reports/days.csv?from=2026-12-07&to=2026-12-08&timeZone=Mars/Olympus', admin)).statusCode).toBe(400);
  });
});
