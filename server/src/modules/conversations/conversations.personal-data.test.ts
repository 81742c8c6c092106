import { expect, it } from 'vitest';
import { andThen } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import {
  conversationEvents as pgEvents,
  conversationGuests as pgGuests,
  conversations as pgConversations,
} from '../../db/pg/schema/index.ts';
import { conversationEvents, conversationGuests, conversations } from '../../db/schema.ts';
import { committerOn, describeOnEngines, insertAgent, insertSite, insertVisitor } from '../../testing/engines.ts';
import type { SubjectScope } from '../privacy/index.ts';
import { conversationsPersonalData } from './conversations.personal-data.ts';

/**
 * The conversations' part in export, erasure and retention, on both
 * engines: what a subject's export holds and in what order, that a scope is
 * bounded by its site even when handed another site's visitor, what a
 * retention batch removes with a conversation (who was invited in) and what
 * it leaves (a chat closed a minute inside the window).
 */
const DAY = 86_400_000;
const SITE = 'site-a';
const OTHER_SITE = 'site-b';
const AGENT = 'agent-anna';

/** A closed conversation (so no sweep touches it) with `lines` messages, inserted newest seq first. */
async function closedConversation(engine: Engine, id: string, siteId: string, visitorId: string, updatedAt: number, lines: number) {
  const row = {
    id,
    siteId,
    visitorId,
    visitorLabel: 'ABC',
    status: 'closed' as const,
    lastSeq: lines,
    createdAt: updatedAt,
    updatedAt,
    closedAt: updatedAt,
  };
  const events = Array.from({ length: lines }, (_, i) => ({
    conversationId: id,
    seq: lines - i,
    type: 'message' as const,
    authorKind: 'visitor' as const,
    body: `line ${lines - i}`,
    createdAt: updatedAt,
  }));
  if (engine.kind === 'sqlite') {
    engine.db.insert(conversations).values(row).run();
    if (events.length > 0) engine.db.insert(conversationEvents).values(events).run();
  } else {
    await engine.db.insert(pgConversations).values(row);
    if (events.length > 0) await engine.db.insert(pgEvents).values(events);
  }
}

async function guest(engine: Engine, conversationId: string) {
  const row = { conversationId, agentId: AGENT, joinedAt: 1 };
  if (engine.kind === 'sqlite') engine.db.insert(conversationGuests).values(row).run();
  else await engine.db.insert(pgGuests).values(row);
}

/** What is left, per table, by conversation id (events with their seq). */
async function left(engine: Engine) {
  const [rows, events, guests] =
    engine.kind === 'sqlite'
      ? [
          engine.db.select().from(conversations).all(),
          engine.db.select().from(conversationEvents).all(),
          engine.db.select().from(conversationGuests).all(),
        ]
      : await Promise.all([engine.db.select().from(pgConversations), engine.db.select().from(pgEvents), engine.db.select().from(pgGuests)]);
  return {
    conversations: rows.map((r) => r.id).sort(),
    events: events.map((e) => `${e.conversationId}#${e.seq}`).sort(),
    guests: guests.map((g) => g.conversationId).sort(),
  };
}

const scopeOf = (siteId: string, visitorId: string): SubjectScope => ({
  siteId,
  subject: { kind: 'visitor', id: visitorId },
  visitorIds: [visitorId],
  customerIds: [],
});

describeOnEngines('a subject’s conversations', (engine) => {
  async function twoShops() {
    await insertSite(engine(), SITE);
    await insertSite(engine(), OTHER_SITE);
    await insertAgent(engine(), SITE, AGENT);
    await insertVisitor(engine(), SITE, 'mine');
    await insertVisitor(engine(), OTHER_SITE, 'theirs');
  }

  it('are exported with their lines in order and who was invited in', async () => {
    await twoShops();
    await closedConversation(engine(), 'cnv_a', SITE, 'mine', Date.now(), 3);
    await guest(engine(), 'cnv_a');
    const rows = await conversationsPersonalData(engine()).exportRows(scopeOf(SITE, 'mine'));
    expect(rows['conversations']?.map((c) => c['id'])).toEqual(['cnv_a']);
    expect(rows['conversation_events']?.map((e) => e['body'])).toEqual(['line 1', 'line 2', 'line 3']);
    expect(rows['conversation_guests']).toMatchObject([{ conversationId: 'cnv_a', agentId: AGENT }]);
  });

  it('are erased with their lines and guests, in the step’s transaction, and consoles are told once it committed', async () => {
    await twoShops();
    await closedConversation(engine(), 'cnv_a', SITE, 'mine', Date.now(), 3);
    await closedConversation(engine(), 'cnv_b', SITE, 'mine', Date.now(), 1);
    await guest(engine(), 'cnv_a');
    const told: Array<[string, string[]]> = [];
    const source = conversationsPersonalData(engine(), (siteId, ids) => told.push([siteId, [...ids].sort()]));
    const scope = scopeOf(SITE, 'mine');

    // A step that fails after the erasure leaves everything in place.
    const failed = committerOn(engine()).run((tx) =>
      andThen(source.eraseInTx(tx, scope), () => {
        throw new Error('refused');
      }),
    );
    await expect(failed).rejects.toThrow('refused');
    expect((await left(engine())).conversations).toEqual(['cnv_a', 'cnv_b']);

    // Two conversations, four lines, one guest.
    expect(await committerOn(engine()).run((tx) => source.eraseInTx(tx, scope))).toBe(7);
    expect(await left(engine())).toEqual({ conversations: [], events: [], guests: [] });
    source.afterErase?.(scope);
    expect(told).toEqual([[SITE, ['cnv_a', 'cnv_b']]]);
  });

  it('are bounded by the site: another site’s visitor in the scope reaches nothing', async () => {
    await twoShops();
    await closedConversation(engine(), 'cnv_theirs', OTHER_SITE, 'theirs', Date.now(), 2);
    const source = conversationsPersonalData(engine());
    const forged = scopeOf(SITE, 'theirs');
    expect(await source.exportRows(forged)).toEqual({ conversations: [], conversation_events: [], conversation_guests: [] });
    expect(await committerOn(engine()).run((tx) => source.eraseInTx(tx, forged))).toBe(0);
    expect(await left(engine())).toEqual({ conversations: ['cnv_theirs'], events: ['cnv_theirs#1', 'cnv_theirs#2'], guests: [] });
  });
});

describeOnEngines('retention of closed conversations', (engine) => {
  it('removes who was invited in with the conversation, keeps one closed a minute inside the window, and another site’s', async () => {
    await insertSite(engine(), SITE);
    await insertSite(engine(), OTHER_SITE);
    await insertAgent(engine(), SITE, AGENT);
    await insertVisitor(engine(), SITE, 'mine');
    await insertVisitor(engine(), OTHER_SITE, 'theirs');
    const now = Date.now();
    const cutoff = now - 30 * DAY;
    await closedConversation(engine(), 'cnv_old', SITE, 'mine', cutoff - 1, 2);
    await guest(engine(), 'cnv_old');
    await closedConversation(engine(), 'cnv_inside', SITE, 'mine', cutoff + 60_000, 1);
    await guest(engine(), 'cnv_inside');
    await closedConversation(engine(), 'cnv_theirs', OTHER_SITE, 'theirs', cutoff - DAY, 1);
    const source = conversationsPersonalData(engine());
    const purge = (limit: number) => committerOn(engine()).run((tx) => source.retention.purgeInTx(tx, SITE, cutoff, limit));

    // A batch of one: one event at a time, then the conversation and its guests with the batch that empties it.
    expect(await purge(1)).toBe(1);
    expect((await left(engine())).events).toEqual(['cnv_inside#1', 'cnv_old#2', 'cnv_theirs#1']);
    expect(await purge(500)).toBe(1 + 1 + 1);
    expect(await left(engine())).toEqual({
      conversations: ['cnv_inside', 'cnv_theirs'],
      events: ['cnv_inside#1', 'cnv_theirs#1'],
      guests: ['cnv_inside'],
    });
    expect(await purge(500)).toBe(0);
  });
});
