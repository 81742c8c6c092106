import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '@mostrador/shared';
import {
  AGENT_PASSWORD,
  agentCommand,
  connectAgent,
  connectVisitor,
  connected,
  login,
  nextFact,
  sqlOn,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '@mostrador/server/testing';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

function track<S extends VisitorSocket | AgentSocket>(socket: S): S {
  sockets.push(socket);
  return socket;
}

async function newVisitor(token?: string) {
  const socket = track(connectVisitor(server.url, { siteKey: server.siteKey, ...(token ? { token } : {}) }));
  const session = nextFact<VisitorSocket, { token: string; visitorId: string; conversation: { id: string } | null }>(
    socket,
    'session:established',
  );
  await connected(socket);
  return { socket, session: await session };
}

async function newAgent() {
  const cookie = await login(server.url, server.agentEmail, AGENT_PASSWORD);
  const socket = track(connectAgent(server.url, cookie));
  await connected(socket);
  return socket;
}

function seqs(events: ConversationEvent[]): number[] {
  return events.map((e) => e.seq);
}

beforeEach(async () => {
  // The group-commit test sends 51 messages at once from one socket: far past a shopper's budget, so it gets a bigger one.
  server = await startTestServer({ limits: { visitorMessages: { burst: 100, perSecond: 100 } } });
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

describe('the message path', () => {
  it('carries a visitor message to the agent and the reply back, with typing both ways', async () => {
    const agent = await newAgent();
    const { socket: visitor } = await newVisitor();

    const created = nextFact<AgentSocket, { conversation: { id: string; visitorLabel: string } }>(agent, 'conversation:created');
    const arrived = nextFact<AgentSocket, { event: ConversationEvent }>(agent, 'message:created');
    const sent = await visitorCommand(visitor, 'message:send', { clientId: 'client-0001', body: 'Hola! Teniu la talla M?' });
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.data.event).toMatchObject({ seq: 1, type: 'message', body: 'Hola! Teniu la talla M?' });

    const conversationId = (await created).conversation.id;
    expect(conversationId).toBe(sent.data.conversation.id);
    expect((await arrived).event).toMatchObject({ seq: 1, author: { kind: 'visitor' } });
    // The only agent online has room: the conversation is assigned to her at once.
    const page = await agentCommand(agent, 'conversation:sync', { conversationId, afterSeq: 1 });
    if (!page.ok) throw new Error('sync failed');
    expect(page.data.events).toMatchObject([{ seq: 2, type: 'joined', agent: { name: 'Marta' }, role: 'assignee' }]);

    const visitorSeesTyping = nextFact<VisitorSocket, { typing: boolean; name: string }>(visitor, 'typing:changed');
    await agentCommand(agent, 'typing:set', { conversationId, typing: true });
    expect(await visitorSeesTyping).toMatchObject({ typing: true, name: 'Marta' });

    const agentSeesTyping = nextFact<AgentSocket, { typing: boolean; conversationId: string }>(agent, 'typing:changed');
    await visitorCommand(visitor, 'typing:set', { typing: true });
    expect(await agentSeesTyping).toEqual({ conversationId, typing: true, agent: null, draft: null });

    const reply = nextFact<VisitorSocket, { event: ConversationEvent }>(visitor, 'message:created');
    const answered = await agentCommand(agent, 'message:send', {
      conversationId,
      clientId: 'agent-reply-1',
      body: 'Sí, en tenim tres.',
    });
    expect(answered.ok).toBe(true);
    expect((await reply).event).toMatchObject({ seq: 3, body: 'Sí, en tenim tres.', author: { kind: 'agent', name: 'Marta' } });
  });

  it('tells the sending socket of its message once, in the ack, and its other tabs as a fact', async () => {
    const agent = await newAgent();
    const otherConsoleTab = await newAgent();
    const { socket: visitor, session } = await newVisitor();
    const first = await visitorCommand(visitor, 'message:send', { clientId: 'tabs-msg-1', body: 'primer' });
    if (!first.ok) throw new Error('send failed');
    const { socket: otherTab } = await newVisitor(session.token);

    const heardBySender: number[] = [];
    visitor.on('message:created', ({ event }) => heardBySender.push(event.seq));
    const otherTabHears = nextFact<VisitorSocket, { event: ConversationEvent }>(otherTab, 'message:created');
    const second = await visitorCommand(visitor, 'message:send', { clientId: 'tabs-msg-2', body: 'segon' });
    if (!second.ok) throw new Error('send failed');
    expect((await otherTabHears).event).toMatchObject({ seq: second.data.event.seq, body: 'segon' });

    const heardByAgent: number[] = [];
    agent.on('message:created', ({ event }) => heardByAgent.push(event.seq));
    const otherConsoleHears = nextFact<AgentSocket, { event: ConversationEvent }>(otherConsoleTab, 'message:created');
    const visitorHearsReply = nextFact<VisitorSocket, { event: ConversationEvent }>(visitor, 'message:created');
    const reply = await agentCommand(agent, 'message:send', {
      conversationId: first.data.conversation.id,
      clientId: 'tabs-reply-1',
      body: 'Digues',
    });
    if (!reply.ok) throw new Error('reply failed');
    expect((await otherConsoleHears).event).toMatchObject({ seq: reply.data.event.seq, body: 'Digues' });
    expect((await visitorHearsReply).event).toMatchObject({ body: 'Digues' });

    // Both facts above went out after the ones the senders skipped would have.
    expect(heardBySender).toEqual([reply.data.event.seq]);
    expect(heardByAgent).toEqual([]);
  });

  it('keeps one open conversation per visitor and starts a new one after closing', async () => {
    const agent = await newAgent();
    const { socket: visitor } = await newVisitor();
    const first = await visitorCommand(visitor, 'message:send', { clientId: 'first-msg-1', body: 'one' });
    const second = await visitorCommand(visitor, 'message:send', { clientId: 'first-msg-2', body: 'two' });
    if (!first.ok || !second.ok) throw new Error('send failed');
    expect(second.data.conversation.id).toBe(first.data.conversation.id);

    const visitorSeesClose = nextFact<VisitorSocket, { event: ConversationEvent }>(visitor, 'conversation:changed');
    const closed = await agentCommand(agent, 'conversation:close', { conversationId: first.data.conversation.id });
    expect(closed.ok).toBe(true);
    expect((await visitorSeesClose).event).toMatchObject({ type: 'status', status: 'closed', seq: 4 });

    const after = await visitorCommand(visitor, 'message:send', { clientId: 'after-close-1', body: 'again' });
    if (!after.ok) throw new Error('send failed');
    expect(after.data.conversation.id).not.toBe(first.data.conversation.id);
    expect(after.data.event.seq).toBe(1);
  });
});

describe('durability and exactly-once delivery', () => {
  it('keeps acknowledged messages across a server restart, and the visitor its identity', async () => {
    const { socket: visitor, session } = await newVisitor();
    const sent = await visitorCommand(visitor, 'message:send', { clientId: 'before-restart', body: 'Ho heu rebut?' });
    if (!sent.ok) throw new Error('send failed');
    visitor.disconnect();

    await server.stop();
    await server.restart();

    const again = await newVisitor(session.token);
    expect(again.session.visitorId).toBe(session.visitorId);
    expect(again.session.conversation?.id).toBe(sent.data.conversation.id);
    const page = await visitorCommand(again.socket, 'conversation:sync', {
      conversationId: sent.data.conversation.id,
      afterSeq: 0,
    });
    if (!page.ok) throw new Error('sync failed');
    expect(page.data.events).toMatchObject([{ seq: 1, body: 'Ho heu rebut?', clientId: 'before-restart' }]);
  });

  it('lets connected clients reconnect on their own when the server restarts', async () => {
    const agent = await newAgent();
    const { socket: visitor, session } = await newVisitor();
    const sent = await visitorCommand(visitor, 'message:send', { clientId: 'pre-restart-1', body: 'abans' });
    if (!sent.ok) throw new Error('send failed');

    const visitorBack = nextFact<VisitorSocket, { visitorId: string }>(visitor, 'session:established', 10_000);
    const agentBack = nextFact(agent, 'connect', 10_000);
    await server.stop();
    await server.restart();
    expect((await visitorBack).visitorId).toBe(session.visitorId);
    await agentBack;

    const arrived = nextFact<AgentSocket, { event: ConversationEvent }>(agent, 'message:created');
    await visitorCommand(visitor, 'message:send', { clientId: 'post-restart-1', body: 'després' });
    expect((await arrived).event).toMatchObject({ seq: 3, body: 'després' });
  });

  it('stores a resent message once and answers the resend with the original', async () => {
    const agent = await newAgent();
    const { socket: visitor } = await newVisitor();
    const seen: number[] = [];
    agent.on('message:created', ({ event }) => seen.push(event.seq));

    const payload = { clientId: 'resend-0001', body: 'Una sola vegada' };
    const [a, b] = await Promise.all([visitorCommand(visitor, 'message:send', payload), visitorCommand(visitor, 'message:send', payload)]);
    const c = await visitorCommand(visitor, 'message:send', payload);
    if (!a.ok || !b.ok || !c.ok) throw new Error('send failed');
    expect(new Set([a.data.event.seq, b.data.event.seq, c.data.event.seq])).toEqual(new Set([1]));

    const page = await agentCommand(agent, 'conversation:sync', { conversationId: a.data.conversation.id, afterSeq: 0 });
    if (!page.ok) throw new Error('sync failed');
    expect(page.data.events.filter((e) => e.type === 'message')).toHaveLength(1);
    // A marker sent after the resends: once the agent hears it, any duplicate fact would have come before it.
    const markerHeard = nextFact<AgentSocket, { event: ConversationEvent }>(agent, 'message:created');
    const marker = await visitorCommand(visitor, 'message:send', { clientId: 'resend-mark', body: 'marker' });
    if (!marker.ok) throw new Error('send failed');
    expect((await markerHeard).event).toMatchObject({ body: 'marker' });
    expect(seen).toEqual([1, marker.data.event.seq]);
  });

  it('resyncs a reconnecting client with everything it missed, status included, in order and once', async () => {
    const agent = await newAgent();
    const { socket: visitor, session } = await newVisitor();
    const first = await visitorCommand(visitor, 'message:send', { clientId: 'gap-msg-01', body: 'Hi' });
    if (!first.ok) throw new Error('send failed');
    const conversationId = first.data.conversation.id;
    const lastSeqHeld = first.data.event.seq;

    visitor.disconnect();
    for (let i = 0; i < 3; i += 1) {
      await agentCommand(agent, 'message:send', { conversationId, clientId: `missed-${i}-xx`, body: `missed ${i}` });
    }
    await agentCommand(agent, 'conversation:close', { conversationId });

    const back = await newVisitor(session.token);
    expect(back.session.conversation).toBeNull();
    const page = await visitorCommand(back.socket, 'conversation:sync', { conversationId, afterSeq: lastSeqHeld });
    if (!page.ok) throw new Error('sync failed');
    expect(seqs(page.data.events)).toEqual([2, 3, 4, 5, 6]);
    expect(page.data.events[0]).toMatchObject({ type: 'joined', agent: { name: 'Marta' } });
    expect(page.data.events.at(-1)).toMatchObject({ type: 'status', status: 'closed' });
    expect(page.data.conversation).toMatchObject({ status: 'closed', lastSeq: 6 });
    expect(page.data.hasMore).toBe(false);
  });

  it('acknowledges each of messages that arrive together only once it is committed, numbered without a gap', async () => {
    const { socket: visitor } = await newVisitor();
    await visitorCommand(visitor, 'message:send', { clientId: 'warm-up-01', body: 'warm up' });
    const batchesBefore = server.app.groupCommit?.committedBatches ?? 0;
    // Another read of the database, the moment each ack arrives, finds the message: only what was committed is acknowledged.
    const sql = sqlOn(server.app.engine);
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const clientId = `burst-${String(i).padStart(3, '0')}`;
        const acked = await visitorCommand(visitor, 'message:send', { clientId, body: `m${i}` });
        const stored = await sql.get<{ seq: number }>('SELECT seq FROM conversation_events WHERE client_id = ?', clientId);
        return { acked: acked.ok ? acked.data.event.seq : -1, stored: stored?.seq };
      }),
    );
    expect(results.every((r) => r.acked > 0 && r.stored === r.acked)).toBe(true);
    expect(results.map((r) => r.acked).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    // SQLite's group commit: messages that arrive together share transactions, so one fsync serves many.
    // PostgreSQL commits each step in a transaction of its own (it has no group commit to count).
    if (server.app.groupCommit) expect(server.app.groupCommit.committedBatches - batchesBefore).toBeLessThan(50);
  });
});
