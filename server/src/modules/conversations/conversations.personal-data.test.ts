import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../testing/harness.ts';
import type { SubjectScope } from '../privacy/index.ts';
import { ConversationsPersonalData } from './conversations.personal-data.ts';

/**
 * The conversations' part in export, erasure and retention, on the real
 * tables: what a subject's export holds and in what order, that a scope is
 * bounded by its site even when handed another site's visitor, and what a
 * retention batch removes with a conversation (who was invited in) and what
 * it leaves (a chat closed a minute inside the window).
 */
const DAY = 86_400_000;
let app: App;
let cleanup: () => Promise<void>;
let source: ConversationsPersonalData;
let siteId: string;
let otherSiteId: string;
let agentId: string;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({ retentionIntervalMs: 0 }));
  siteId = (await app.services.sites.create({ name: 'Shop', allowedOrigins: ['https://shop.example'] })).id;
  otherSiteId = (await app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] })).id;
  const agent = await app.services.agents.create({ siteId, email: 'a@shop.example', name: 'Anna', role: 'agent', password: 'pass-pass' });
  if (!agent.ok) throw new Error(agent.error.message);
  agentId = agent.data.id;
  source = new ConversationsPersonalData(app.db);
});

afterEach(() => cleanup());

const visitorOf = (site: string) => app.services.visitors.identify(site, undefined).visitor.id;

/** A closed conversation (so no sweep touches it) with `lines` messages, inserted newest seq first. */
function closedConversation(id: string, site: string, visitorId: string, updatedAt: number, lines: number): void {
  app.sqlite
    .prepare(
      `INSERT INTO conversations (id, site_id, visitor_id, visitor_label, status, last_seq, created_at, updated_at, closed_at)
       VALUES (?, ?, ?, 'ABC', 'closed', ?, ?, ?, ?)`,
    )
    .run(id, site, visitorId, lines, updatedAt, updatedAt, updatedAt);
  for (let seq = lines; seq >= 1; seq--) {
    app.sqlite
      .prepare(
        "INSERT INTO conversation_events (conversation_id, seq, type, author_kind, body, created_at) VALUES (?, ?, 'message', 'visitor', ?, ?)",
      )
      .run(id, seq, `line ${seq}`, updatedAt);
  }
}

const guest = (conversationId: string) =>
  app.sqlite
    .prepare('INSERT INTO conversation_guests (conversation_id, agent_id, joined_at) VALUES (?, ?, 1)')
    .run(conversationId, agentId);

const scopeOf = (site: string, visitorId: string): SubjectScope => ({
  siteId: site,
  subject: { kind: 'visitor', id: visitorId },
  visitorIds: [visitorId],
  customerIds: [],
});

const count = (table: string) => (app.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('a subject’s conversations', () => {
  it('are exported with their lines in order and who was invited in', () => {
    const visitorId = visitorOf(siteId);
    closedConversation('cnv_a', siteId, visitorId, Date.now(), 3);
    guest('cnv_a');
    const rows = source.exportRows(scopeOf(siteId, visitorId));
    expect(rows.conversations.map((c) => c.id)).toEqual(['cnv_a']);
    expect(rows.conversation_events.map((e) => e.body)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(rows.conversation_guests).toMatchObject([{ conversationId: 'cnv_a', agentId }]);
  });

  it('are erased with their lines and guests, and the erasure counts every row it removed', () => {
    const visitorId = visitorOf(siteId);
    closedConversation('cnv_a', siteId, visitorId, Date.now(), 3);
    closedConversation('cnv_b', siteId, visitorId, Date.now(), 1);
    guest('cnv_a');
    // Two conversations, four lines, one guest.
    expect(source.eraseInTx(scopeOf(siteId, visitorId))).toBe(7);
    expect([count('conversations'), count('conversation_events'), count('conversation_guests')]).toEqual([0, 0, 0]);
  });

  it('are bounded by the site: another site’s visitor in the scope reaches nothing', () => {
    const theirs = visitorOf(otherSiteId);
    closedConversation('cnv_theirs', otherSiteId, theirs, Date.now(), 2);
    const forged = scopeOf(siteId, theirs);
    expect(source.exportRows(forged)).toEqual({ conversations: [], conversation_events: [], conversation_guests: [] });
    expect(source.eraseInTx(forged)).toBe(0);
    expect([count('conversations'), count('conversation_events')]).toEqual([1, 2]);
  });
});

describe('retention of closed conversations', () => {
  const purge = (cutoff: number) => source.retention.purgeInTx(siteId, cutoff, 500);

  it('removes who was invited in with the conversation, and keeps one closed a minute inside the window', () => {
    const now = Date.now();
    const cutoff = now - 30 * DAY;
    const visitorId = visitorOf(siteId);
    closedConversation('cnv_old', siteId, visitorId, cutoff - 1, 2);
    guest('cnv_old');
    closedConversation('cnv_inside', siteId, visitorId, cutoff + 60_000, 1);
    guest('cnv_inside');

    // The events go first; the conversation and its guests with the batch that empties it.
    expect(purge(cutoff)).toBe(2 + 1 + 1);
    expect(app.sqlite.prepare('SELECT id FROM conversations').all()).toEqual([{ id: 'cnv_inside' }]);
    expect(app.sqlite.prepare('SELECT conversation_id AS id FROM conversation_guests').all()).toEqual([{ id: 'cnv_inside' }]);
    expect(count('conversation_events')).toBe(1);
    expect(purge(cutoff)).toBe(0);
  });
});
