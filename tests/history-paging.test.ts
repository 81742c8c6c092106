import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PAGE_SIZE, type ConversationEvent } from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '@mostrador/server/testing';

/**
 * A history longer than one page, with an internal note in it: agents page by
 * the conversation's sequence, the visitor by its own, which skips the note.
 */
let server: TestServer;
let bernat: AgentSocket;
let visitor: VisitorSocket;
let conversationId: string;
const sockets: Array<VisitorSocket | AgentSocket> = [];
const EXTRA = 10;

beforeAll(async () => {
  // The history is written in one go, faster than the per-socket message budgets allow a person.
  const fast = { burst: 1000, perSecond: 1000 };
  server = await startTestServer({ limits: { agentMessages: fast, visitorMessages: fast } });
  const marta = await connectAgentAs(server, server.agentEmail);
  sockets.push(marta);
  const session = await connectVisitorSession(server);
  visitor = session.socket;
  sockets.push(visitor);
  const sent = await visitorCommand(visitor, 'message:send', { clientId: 'long-chat-01', body: 'hola' });
  if (!sent.ok) throw new Error(sent.error.message);
  conversationId = sent.data.conversation.id;

  const bernatId = await addAgent(server, { email: 'bernat@shop.example', name: 'Bernat' });
  bernat = await connectAgentAs(server, 'bernat@shop.example');
  sockets.push(bernat);
  const moved = await agentCommand(marta, 'conversation:transfer', {
    conversationId,
    to: { kind: 'agent', agentId: bernatId },
    note: 'internal: VIP customer',
  });
  if (!moved.ok) throw new Error(moved.error.message);
  // message, joined, note, left, joined: then enough replies to fill a page and part of another.
  const replies = SYNC_PAGE_SIZE + EXTRA - 5;
  for (let start = 0; start < replies; start += 100) {
    const batch = Array.from({ length: Math.min(100, replies - start) }, (_, i) => start + i);
    const results = await Promise.all(
      batch.map((n) =>
        agentCommand(bernat, 'message:send', { conversationId, clientId: `reply-${String(n).padStart(4, '0')}`, body: `r${n}` }),
      ),
    );
    if (!results.every((r) => r.ok)) throw new Error('reply failed');
  }
}, 120_000);

afterAll(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const seqs = (events: ConversationEvent[]) => events.map((e) => e.seq);

describe('paging a long history', () => {
  it('gives an agent one full page with hasMore, then the rest without, note included', async () => {
    const first = await agentCommand(bernat, 'conversation:sync', { conversationId, afterSeq: 0 });
    if (!first.ok) throw new Error(first.error.message);
    expect(seqs(first.data.events)).toEqual(range(1, SYNC_PAGE_SIZE));
    expect(first.data.hasMore).toBe(true);
    expect(first.data.events[2]).toMatchObject({ type: 'note', body: 'internal: VIP customer' });

    const rest = await agentCommand(bernat, 'conversation:sync', { conversationId, afterSeq: SYNC_PAGE_SIZE });
    if (!rest.ok) throw new Error(rest.error.message);
    expect(seqs(rest.data.events)).toEqual(range(SYNC_PAGE_SIZE + 1, SYNC_PAGE_SIZE + EXTRA));
    expect(rest.data.hasMore).toBe(false);
    expect(rest.data.conversation.lastSeq).toBe(SYNC_PAGE_SIZE + EXTRA);
  });

  it('numbers the visitor’s pages with its own sequence, without the note, and ends where its last seq says', async () => {
    const first = await visitorCommand(visitor, 'conversation:sync', { conversationId, afterSeq: 0 });
    if (!first.ok) throw new Error(first.error.message);
    expect(seqs(first.data.events)).toEqual(range(1, SYNC_PAGE_SIZE));
    expect(first.data.hasMore).toBe(true);
    expect(first.data.events.slice(0, 4).map((e) => e.type)).toEqual(['message', 'joined', 'left', 'joined']);
    expect(JSON.stringify(first.data)).not.toContain('VIP');

    const rest = await visitorCommand(visitor, 'conversation:sync', { conversationId, afterSeq: SYNC_PAGE_SIZE });
    if (!rest.ok) throw new Error(rest.error.message);
    // One event fewer than the agents see: the note.
    expect(seqs(rest.data.events)).toEqual(range(SYNC_PAGE_SIZE + 1, SYNC_PAGE_SIZE + EXTRA - 1));
    expect(rest.data.hasMore).toBe(false);
    expect(rest.data.conversation.lastSeq).toBe(SYNC_PAGE_SIZE + EXTRA - 1);
    const bodies = [...first.data.events, ...rest.data.events].flatMap((e) => (e.type === 'message' ? [e.body] : []));
    // The first message and every reply, each once.
    expect(new Set(bodies).size).toBe(SYNC_PAGE_SIZE + EXTRA - 4);
    expect(bodies).toHaveLength(SYNC_PAGE_SIZE + EXTRA - 4);
  });
});
