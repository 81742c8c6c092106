import type { Committer, InTx, Tx } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import { committerOn, insertAgent, insertSite, insertVisitor } from '../../testing/engines.ts';
import { conversationsStore } from './conversations.store.engines.ts';
import type { ConversationsStore } from './conversations.store.ts';
import type { ConversationRow, MessageFields, NewEvent } from './conversations.types.ts';

/*
 * What the conversations store's contract tests share: two shops, their
 * agents and visitors, and rows to write. Everything goes through the
 * factory and the interface, so both engines answer the same test.
 */

export interface StoreFixture {
  store: ConversationsStore;
  /** One committed step: through the group commit of either engine. */
  step<T>(body: (tx: Tx) => InTx<T>): Promise<T>;
}

/** Sites a and b; agents ann and bob on a, cat on b; visitors va1, va2, va3 on a, vb1 on b. */
export async function twoShops(engine: Engine, ticketWeight = 1): Promise<StoreFixture> {
  await insertSite(engine, 'site-a');
  await insertSite(engine, 'site-b');
  for (const [siteId, id] of [
    ['site-a', 'ann'],
    ['site-a', 'bob'],
    ['site-b', 'cat'],
  ] as const)
    await insertAgent(engine, siteId, id);
  for (const [siteId, id] of [
    ['site-a', 'va1'],
    ['site-a', 'va2'],
    ['site-a', 'va3'],
    ['site-b', 'vb1'],
  ] as const)
    await insertVisitor(engine, siteId, id);
  const store = conversationsStore(engine, { ticketWeight });
  const committer: Committer = committerOn(engine);
  return { store, step: (body) => committer.run(body) };
}

/** A conversation row with every column, open and queued unless `extra` says otherwise. */
export function conversation(id: string, siteId: string, visitorId: string, extra: Partial<ConversationRow> = {}): ConversationRow {
  return {
    id,
    siteId,
    visitorId,
    visitorLabel: `#${visitorId}`,
    status: 'open',
    origin: 'visitor',
    tags: [],
    departmentId: null,
    assigneeId: null,
    queuedAt: 1,
    queuePriority: 0,
    awaitingReplySince: null,
    firstResponseAt: null,
    lastSeq: 0,
    lastVisitorSeq: 0,
    visitorReadSeq: 0,
    agentReadSeq: 0,
    lastMessageBody: null,
    lastMessageAuthor: null,
    lastMessageAt: null,
    createdAt: 1,
    updatedAt: 1,
    closedAt: null,
    ticketSince: null,
    hold: null,
    snoozedUntil: null,
    missedAt: null,
    visitorLeftAt: null,
    guestIds: [],
    rating: null,
    ...extra,
  };
}

/** Writes the rows, each in its own committed step, in order. */
export async function insertAll(fixture: StoreFixture, rows: ConversationRow[]): Promise<void> {
  for (const row of rows) await fixture.step((tx) => fixture.store.insertInTx(tx, row));
}

/** A visitor's message as the widget sends it. */
export function visitorSays(visitorId: string, body: string, createdAt: number): MessageFields {
  return { authorKind: 'visitor', authorId: visitorId, authorName: null, clientId: `${visitorId}-${createdAt}`, body, createdAt };
}

/** An agent's message as the console sends it. */
export function agentSays(agentId: string, body: string, createdAt: number, extra: Partial<MessageFields> = {}): MessageFields {
  return {
    authorKind: 'agent',
    authorId: agentId,
    authorName: `Agent ${agentId}`,
    clientId: `${agentId}-${createdAt}`,
    body,
    createdAt,
    ...extra,
  };
}

/** An agent's internal note: in the agents' log only. */
export function note(agentId: string, body: string, createdAt: number): NewEvent {
  return {
    type: 'note',
    authorKind: 'agent',
    authorId: agentId,
    authorName: `Agent ${agentId}`,
    clientId: null,
    body,
    status: null,
    data: null,
    createdAt,
    visible: false,
  };
}
