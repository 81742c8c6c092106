import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportSummary } from '@mostrador/shared';
import { dayNumberDate, localDayNumber } from '@mostrador/shared/reports';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../testing/harness.ts';
import { DEMO_AGENT_EMAIL, seedDemo } from './demo-seed.ts';
import { DEMO_COLLEAGUES } from './demo-history.ts';

// App-level: the seed on the engine TEST_ENGINE names (SQLite unless `postgres`), read back through the
// product's own routes, as the console reads it.

let app: App;
let cleanup: () => Promise<void>;
const SHOP = 'http://shop.test';
const PASSWORD = 'history-pass';

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
});
afterEach(() => cleanup());

async function adminCookies(): Promise<Record<string, string>> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: DEMO_AGENT_EMAIL, password: PASSWORD } });
  return { mostrador_session: login.cookies.find((c) => c.name === 'mostrador_session')!.value };
}

async function get<T>(url: string, cookies?: Record<string, string>): Promise<T> {
  const res = await app.inject({ method: 'GET', url, cookies: cookies ?? (await adminCookies()) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}

/** The last 28 local days, up to yesterday, in the site's zone (UTC: the demo site keeps no hours of its own). */
function lastFourWeeks(): { from: string; to: string } {
  const today = localDayNumber(Date.now(), 'UTC');
  return { from: dayNumberDate(today - 28), to: dayNumberDate(today - 1) };
}

/** The rows a statement reads (`$1` bound to `value`), through each engine's own client. */
async function rowsOf<T>(text: string, value: string): Promise<T[]> {
  if (app.engine.kind === 'sqlite') {
    const parts = text.split('$1');
    return app.sqlite.prepare(parts.join('?')).all(...parts.slice(1).map(() => value)) as T[];
  }
  return (await app.engine.db.$client.query(text, [value])).rows as T[];
}

/** Row counts of the history's tables on the demo site. */
async function counts(siteId: string): Promise<Record<string, number>> {
  const queries = {
    visitors: 'SELECT count(*) AS n FROM visitors WHERE site_id = $1',
    conversations: 'SELECT count(*) AS n FROM conversations WHERE site_id = $1',
    events: 'SELECT count(*) AS n FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id WHERE c.site_id = $1',
    pageViews: 'SELECT count(*) AS n FROM page_views p JOIN visitors v ON v.id = p.visitor_id WHERE v.site_id = $1',
    statusChanges: 'SELECT count(*) AS n FROM agent_status_changes WHERE site_id = $1',
    nps: 'SELECT count(*) AS n FROM nps_responses WHERE site_id = $1',
  };
  const result: Record<string, number> = {};
  for (const [name, text] of Object.entries(queries)) result[name] = Number((await rowsOf<{ n: number | string }>(text, siteId))[0]!.n);
  return result;
}

describe('the demo shop’s history', () => {
  it('fills four weeks of Reports once: chats most days, realistic first responses, CSAT, NPS, revenue and the team’s time', async () => {
    const started = Date.now();
    const { site } = await seedDemo(app.services, { shopUrl: SHOP, password: PASSWORD });
    // The whole seed, history included, in a few seconds even on a busy machine.
    expect(Date.now() - started).toBeLessThan(15_000);
    const { from, to } = lastFourWeeks();
    const report = await get<ReportSummary>(`/api/admin/reports/summary?from=${from}&to=${to}`);

    expect(report.totals.conversations).toBeGreaterThanOrEqual(140);
    expect(report.totals.conversations).toBeLessThanOrEqual(220);
    expect(report.days.filter((d) => d.conversations > 0).length).toBeGreaterThanOrEqual(24);
    expect(report.totals.fromVisitor).toBeGreaterThan(0);
    expect(report.totals.proactive).toBeGreaterThan(0);
    expect(report.totals.fromTrigger).toBeGreaterThan(0);
    expect(report.totals.tickets).toBeGreaterThan(0);
    expect(report.totals.ticketsOutOfHours).toBeGreaterThan(0);
    // A few missed chats, not many.
    expect(report.totals.missed / report.totals.conversations).toBeGreaterThan(0.02);
    expect(report.totals.missed / report.totals.conversations).toBeLessThan(0.12);
    expect(report.firstResponse.raw.medianSeconds).toBeGreaterThan(5);
    expect(report.firstResponse.raw.medianSeconds).toBeLessThan(600);
    // A trigger's chat is timed from the shopper's answer, not from the invitation the shop sent first.
    const triggers = await get<ReportSummary>(`/api/admin/reports/summary?from=${from}&to=${to}&origin=trigger`);
    expect(triggers.firstResponse.raw.medianSeconds).toBeGreaterThan(5);
    expect(report.totals.ratings).toBeGreaterThan(20);
    expect(report.totals.comments).toBeGreaterThan(0);
    expect(report.csatShare).toBeGreaterThan(50);
    // NPS answers exist, and the site asks the question: the settings agree with the history.
    expect(report.nps.responses).toBeGreaterThan(5);
    expect(report.nps.nps).not.toBeNull();
    expect(app.services.sites.byId(site.id)?.npsEnabled).toBe(true);
    // Shoppers who chatted bought more often than those who did not.
    const { chat, baseline } = report.revenue;
    expect(chat.converted).toBeGreaterThan(0);
    expect(baseline.converted).toBeGreaterThan(0);
    expect(chat.conversionRate!).toBeGreaterThan(baseline.conversionRate!);
    // Laia, Jordi and Núria were online for hours.
    const agents = app.services.agents.list(site.id);
    expect(agents.map((a) => a.email).sort()).toEqual([DEMO_AGENT_EMAIL, ...DEMO_COLLEAGUES.map((c) => c.email)].sort());
    for (const agent of agents) {
      const time = report.agentTime.find((row) => row.agentId === agent.id);
      expect(time?.onlineSeconds, agent.name).toBeGreaterThan(10 * 3600);
    }
    expect(report.byAgent.filter((row) => row.id !== null && row.conversations > 0)).toHaveLength(3);
  });

  it('keeps it closed, numbered and searchable, and never adds it again', async () => {
    const { site } = await seedDemo(app.services, { shopUrl: SHOP, password: PASSWORD });
    const before = await counts(site.id);
    expect(before.visitors).toBeGreaterThanOrEqual(380);
    expect(before.visitors).toBeLessThanOrEqual(520);
    await seedDemo(app.services, { shopUrl: SHOP });
    expect(await counts(site.id)).toEqual(before);

    // Nothing of it is open: the queue, the tickets and the open inbox stay as a new install's.
    for (const view of ['queue', 'tickets', 'all', 'mine'])
      expect((await get<{ conversations: unknown[] }>(`/api/conversations?view=${view}`)).conversations, view).toEqual([]);
    const closed = (await get<{ conversations: { id: string; lastSeq?: number }[] }>('/api/conversations?view=closed')).conversations;
    expect(closed.length).toBeGreaterThan(0);
    // Every conversation's log reads back through the console's route (its schema checks each event), numbered
    // from 1 with no gap up to the row's last seq, as a resync reads it.
    const cookies = await adminCookies();
    const rows = await rowsOf<{ id: string; last_seq: number | string }>(
      'SELECT id, last_seq FROM conversations WHERE site_id = $1',
      site.id,
    );
    for (const row of rows) {
      const events = (await get<{ events: { seq: number }[] }>(`/api/conversations/${row.id}/events`, cookies)).events;
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: Number(row.last_seq) }, (_, i) => i + 1));
    }

    const found = await get<{ hits: unknown[] }>(`/api/search?q=${encodeURIComponent('devolució')}`);
    expect(found.hits.length).toBeGreaterThan(0);
  });

  it('is ordinary shopper data to the privacy tools: erasing a demo shopper leaves no row of theirs', async () => {
    const { site } = await seedDemo(app.services, { shopUrl: SHOP, password: PASSWORD });
    // A shopper who chatted, rated, answered NPS and bought: their rows span every table the history fills.
    const [shopper] = await rowsOf<{ id: string }>(
      `SELECT v.id FROM visitors v
         JOIN nps_responses n ON n.visitor_id = v.id
         JOIN conversation_ratings r ON r.visitor_id = v.id
       WHERE v.site_id = $1 ORDER BY v.id`,
      site.id,
    );
    const admin = app.services.agents.list(site.id).find((a) => a.email === DEMO_AGENT_EMAIL)!;
    const erased = await app.services.privacy.erase(site.id, admin.id, { kind: 'visitor', id: shopper!.id });
    expect(erased.ok).toBe(true);
    const left = await rowsOf<{ n: number | string }>(
      `SELECT (SELECT count(*) FROM visitors WHERE id = $1) + (SELECT count(*) FROM conversations WHERE visitor_id = $1)
            + (SELECT count(*) FROM page_views WHERE visitor_id = $1) + (SELECT count(*) FROM cart_events WHERE visitor_id = $1)
            + (SELECT count(*) FROM conversation_ratings WHERE visitor_id = $1) + (SELECT count(*) FROM nps_responses WHERE visitor_id = $1)
            + (SELECT count(*) FROM trigger_firings WHERE visitor_id = $1) AS n`,
      shopper!.id,
    );
    expect(Number(left[0]!.n)).toBe(0);
  });

  it('is left out when asked, for tests that count their own chats', async () => {
    const { site } = await seedDemo(app.services, { shopUrl: SHOP, password: PASSWORD, history: false });
    expect((await counts(site.id)).conversations).toBe(0);
    expect(app.services.agents.list(site.id)).toHaveLength(1);
  });
});
