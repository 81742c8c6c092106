import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { committerFor } from '../../db/committer.ts';
import { buildTestApp } from '../../testing/harness.ts';
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

function pageView(visitor: string, startedAt: number): void {
  app.sqlite
    .prepare(
      "INSERT INTO page_views (visitor_id, url, title, referrer, started_at, seconds) VALUES (?, 'https://shop.example/', 'Home', '', ?, 5)",
    )
    .run(visitor, startedAt);
}

function conversation(id: string, siteId: string, visitor: string, status: 'open' | 'closed', updatedAt: number, events: number): void {
  app.sqlite
    .prepare(
      `INSERT INTO conversations (id, site_id, visitor_id, visitor_label, status, last_seq, created_at, updated_at, closed_at)
       VALUES (?, ?, ?, 'ABC', ?, ?, ?, ?, ?)`,
    )
    .run(id, siteId, visitor, status, events, updatedAt, updatedAt, status === 'closed' ? updatedAt : null);
  for (let seq = 1; seq <= events; seq++) {
    app.sqlite
      .prepare(
        "INSERT INTO conversation_events (conversation_id, seq, type, author_kind, body, created_at) VALUES (?, ?, 'message', 'visitor', 'hi', ?)",
      )
      .run(id, seq, updatedAt);
  }
}

const ids = (table: string) =>
  (app.sqlite.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as Array<{ id: string | number }>).map((r) => r.id);

function job(sites: RetentionSite[], batchRows: number) {
  return new RetentionJob(app.services.privacyRegistry, () => sites, committerFor({ kind: 'sqlite', db: app.db }, app.groupCommit), {
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
    for (let i = 0; i < 5; i++) pageView(visitorId, NOW - 8 * DAY - i);
    pageView(visitorId, NOW - 6 * DAY);
    pageView(otherVisitorId, NOW - 400 * DAY);

    const run = await job([site, otherSite], 2).runOnce();

    expect(run.deleted.activity).toBe(5);
    // 2 + 2 + 1 rows, then an empty batch that says the trail is done (and one for conversations).
    expect(run.batches).toBeGreaterThanOrEqual(4);
    const left = app.sqlite.prepare('SELECT visitor_id AS visitorId, started_at AS startedAt FROM page_views ORDER BY started_at').all();
    expect(left).toEqual([
      { visitorId: otherVisitorId, startedAt: NOW - 400 * DAY },
      { visitorId, startedAt: NOW - 6 * DAY },
    ]);
  });

  it('deletes closed conversations past the setting with all their events, a few rows per transaction, never open ones', async () => {
    conversation('cnv_old1', site.id, visitorId, 'closed', NOW - 31 * DAY, 5);
    conversation('cnv_old2', site.id, visitorId, 'closed', NOW - 40 * DAY, 3);
    conversation('cnv_recent', site.id, visitorId, 'closed', NOW - 29 * DAY, 2);
    const live = (await app.services.visitors.identify(site.id, undefined)).visitor.id;
    conversation('cnv_openold', site.id, live, 'open', NOW - 90 * DAY, 2);
    conversation('cnv_othersite', otherSite.id, otherVisitorId, 'closed', NOW - 90 * DAY, 2);
    const committed = app.groupCommit!.committedBatches;

    const run = await job([site, otherSite], 3).runOnce();

    expect(ids('conversations')).toEqual(['cnv_openold', 'cnv_othersite', 'cnv_recent']);
    const withEvents = app.sqlite.prepare('SELECT DISTINCT conversation_id AS id FROM conversation_events ORDER BY id').all();
    expect(withEvents).toEqual([{ id: 'cnv_openold' }, { id: 'cnv_othersite' }, { id: 'cnv_recent' }]);
    expect(run.deleted.conversations).toBe(5 + 3 + 2);
    // Eight events at three a batch cannot go in fewer than three transactions.
    expect(app.groupCommit!.committedBatches - committed).toBeGreaterThanOrEqual(4);
    expect(run.batches).toBe(app.groupCommit!.committedBatches - committed);
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
    conversation('cnv_openancient', site.id, live, 'open', NOW - 400 * DAY, 4);
    // With its agent at once, as a chat left open is: the sweep for queued chats nobody answers never touches it.
    app.sqlite.prepare("UPDATE conversations SET assignee_id = ? WHERE id = 'cnv_openancient'").run(agent.data.id);
    conversation('cnv_closedancient', site.id, visitorId, 'closed', NOW - 400 * DAY, 1);
    const run = await job([site], 500).runOnce();
    expect(ids('conversations')).toEqual(['cnv_openancient']);
    const lines = app.sqlite.prepare("SELECT count(*) AS n FROM conversation_events WHERE conversation_id = 'cnv_openancient'").get();
    expect(lines).toEqual({ n: 4 });
    expect(run.deleted.conversations).toBe(1 + 1);
  });

  it('keeps everything for a site that keeps data for good', async () => {
    pageView(visitorId, NOW - 4000 * DAY);
    conversation('cnv_ancient', site.id, visitorId, 'closed', NOW - 4000 * DAY, 1);
    const run = await job([{ ...site, conversationRetentionDays: null, trailRetentionDays: null }], 500).runOnce();
    expect(run).toEqual({ deleted: {}, batches: 0 });
    expect(ids('conversations')).toEqual(['cnv_ancient']);
    expect(ids('page_views')).toHaveLength(1);
  });

  it('reads the sites’ settings as the admin saved them', async () => {
    await app.services.sites.update(site.id, { trailRetentionDays: 7 });
    pageView(visitorId, NOW - 8 * DAY);
    const run = await new RetentionJob(
      app.services.privacyRegistry,
      () => app.services.sites.withRetention(),
      committerFor({ kind: 'sqlite', db: app.db }, app.groupCommit),
      {
        intervalMs: 0,
        batchRows: 500,
        now: () => NOW,
        log: () => undefined,
      },
    ).runOnce();
    expect(run.deleted).toEqual({ activity: 1 });
    expect(ids('page_views')).toEqual([]);
  });
});
