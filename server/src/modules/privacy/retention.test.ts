import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp, sqlOn } from '../../testing/harness.ts';
import { RetentionJob, type RetentionSite } from './retention.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

let app: App;
let cleanup: () => Promise<void>;
let site: RetentionSite;
let otherSite: RetentionSite;
let visitorId: string;
let otherVisitorId: string;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({ retentionIntervalMs: 0 }));
  const mine = await app.services.sites.create({ name: 'Shop', allowedOrigins: ['https://shop.example'] });
  const other = await app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] });
  site = { id: mine.id, conversationRetentionDays: 30, trailRetentionDays: 7 };
  otherSite = { id: other.id, conversationRetentionDays: null, trailRetentionDays: null };
  visitorId = (await app.services.visitors.identify(mine.id, undefined)).visitor.id;
  otherVisitorId = (await app.services.visitors.identify(other.id, undefined)).visitor.id;
});

afterEach(() => cleanup());

async function pageView(visitor: string, startedAt: number): Promise<void> {
  await sqlOn(app.engine).run(
    "INSERT INTO page_views (visitor_id, url, title, referrer, started_at, seconds) VALUES (?, 'https://shop.example/', 'Home', '', ?, 5)",
    visitor,
    startedAt,
  );
}

async function conversation(id: string, siteId: string, visitor: string, status: 'open' | 'closed', updatedAt: number, events: number) {
  const sql = sqlOn(app.engine);
  await sql.run(
    `INSERT INTO conversations (id, site_id, visitor_id, visitor_label, status, last_seq, created_at, updated_at, closed_at)
     VALUES (?, ?, ?, 'ABC', ?, ?, ?, ?, ?)`,
    id,
    siteId,
    visitor,
    status,
    events,
    updatedAt,
    updatedAt,
    status === 'closed' ? updatedAt : null,
  );
  for (let seq = 1; seq <= events; seq++) {
    await sql.run(
      "INSERT INTO conversation_events (conversation_id, seq, type, author_kind, body, created_at) VALUES (?, ?, 'message', 'visitor', 'hi', ?)",
      id,
      seq,
      updatedAt,
    );
  }
}

/** A table's ids in order (sorted here, as the engines' text orders may differ). */
const ids = async (table: string) =>
  (await sqlOn(app.engine).all<{ id: string | number }>(`SELECT id FROM ${table}`))
    .map((r) => r.id)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** How many transactions commit from now on: the group commit's own count on SQLite, each step's own on PostgreSQL. */
function commitsFromNow(): () => number {
  const { engine, groupCommit } = app;
  if (engine.kind === 'sqlite') {
    const before = groupCommit!.committedBatches;
    return () => groupCommit!.committedBatches - before;
  }
  const transactions = vi.spyOn(engine.db, 'transaction');
  return () => transactions.mock.calls.length;
}

function job(sites: RetentionSite[], batchRows: number) {
  return new RetentionJob(app.services.privacyRegistry, () => sites, app.committer, {
    intervalMs: 0,
    batchRows,
    now: () => NOW,
    log: (error) => {
      throw error;
    },
  });
}

describe('retention', () => {
  it('deletes page views older than the site’s setting in batches, keeping newer ones and other sites’', async () => {
    for (let i = 0; i < 5; i++) await pageView(visitorId, NOW - 8 * DAY - i);
    await pageView(visitorId, NOW - 6 * DAY);
    await pageView(otherVisitorId, NOW - 400 * DAY);

    const run = await job([site, otherSite], 2).runOnce();

    expect(run.deleted.activity).toBe(5);
    // 2 + 2 + 1 rows, then an empty batch that says the trail is done (and one for conversations).
    expect(run.batches).toBeGreaterThanOrEqual(4);
    const left = await sqlOn(app.engine).all(
      'SELECT visitor_id AS "visitorId", started_at AS "startedAt" FROM page_views ORDER BY started_at',
    );
    expect(left).toEqual([
      { visitorId: otherVisitorId, startedAt: NOW - 400 * DAY },
      { visitorId, startedAt: NOW - 6 * DAY },
    ]);
  });

  it('deletes closed conversations past the setting with all their events, a few rows per transaction, never open ones', async () => {
    await conversation('cnv_old1', site.id, visitorId, 'closed', NOW - 31 * DAY, 5);
    await conversation('cnv_old2', site.id, visitorId, 'closed', NOW - 40 * DAY, 3);
    await conversation('cnv_recent', site.id, visitorId, 'closed', NOW - 29 * DAY, 2);
    const live = (await app.services.visitors.identify(site.id, undefined)).visitor.id;
    await conversation('cnv_openold', site.id, live, 'open', NOW - 90 * DAY, 2);
    await conversation('cnv_othersite', otherSite.id, otherVisitorId, 'closed', NOW - 90 * DAY, 2);
    const committed = commitsFromNow();

    const run = await job([site, otherSite], 3).runOnce();

    expect(await ids('conversations')).toEqual(['cnv_openold', 'cnv_othersite', 'cnv_recent']);
    const withEvents = await sqlOn(app.engine).all<{ id: string }>('SELECT DISTINCT conversation_id AS id FROM conversation_events');
    expect(withEvents.map((e) => e.id).sort()).toEqual(['cnv_openold', 'cnv_othersite', 'cnv_recent']);
    expect(run.deleted.conversations).toBe(5 + 3 + 2);
    // Eight events at three a batch cannot go in fewer than three transactions.
    expect(committed()).toBeGreaterThanOrEqual(4);
    expect(run.batches).toBe(committed());
  });

  it('never deletes an open conversation, however long it has waited, nor its lines', async () => {
    const agent = await app.services.agents.create({
      siteId: site.id,
      email: 'a@shop.example',
      name: 'A',
      role: 'agent',
      password: 'pass-pass',
    });
    if (!agent.ok) throw new Error(agent.error.message);
    const live = (await app.services.visitors.identify(site.id, undefined)).visitor.id;
    await conversation('cnv_openancient', site.id, live, 'open', NOW - 400 * DAY, 4);
    // With its agent at once, as a chat left open is: the sweep for queued chats nobody answers never touches it.
    await sqlOn(app.engine).run("UPDATE conversations SET assignee_id = ? WHERE id = 'cnv_openancient'", agent.data.id);
    await conversation('cnv_closedancient', site.id, visitorId, 'closed', NOW - 400 * DAY, 1);
    const run = await job([site], 500).runOnce();
    expect(await ids('conversations')).toEqual(['cnv_openancient']);
    expect(await sqlOn(app.engine).value("SELECT count(*) FROM conversation_events WHERE conversation_id = 'cnv_openancient'")).toBe(4);
    expect(run.deleted.conversations).toBe(1 + 1);
  });

  it('keeps everything for a site that keeps data for good', async () => {
    await pageView(visitorId, NOW - 4000 * DAY);
    await conversation('cnv_ancient', site.id, visitorId, 'closed', NOW - 4000 * DAY, 1);
    const run = await job([{ ...site, conversationRetentionDays: null, trailRetentionDays: null }], 500).runOnce();
    expect(run).toEqual({ deleted: {}, batches: 0 });
    expect(await ids('conversations')).toEqual(['cnv_ancient']);
    expect(await ids('page_views')).toHaveLength(1);
  });

  it('reads the sites’ settings as the admin saved them', async () => {
    await app.services.sites.update(site.id, { trailRetentionDays: 7 });
    await pageView(visitorId, NOW - 8 * DAY);
    const run = await new RetentionJob(app.services.privacyRegistry, () => app.services.sites.withRetention(), app.committer, {
      intervalMs: 0,
      batchRows: 500,
      now: () => NOW,
      log: () => undefined,
    }).runOnce();
    expect(run.deleted).toEqual({ activity: 1 });
    expect(await ids('page_views')).toEqual([]);
  });
});
