import { afterEach, describe, expect, it } from 'vitest';
import type { MessageEvent } from '@mostrador/shared';
import { agentLog, shopperWrote } from './testing/conversation-helpers.ts';
import {
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  nextFact,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from './testing/harness.ts';
import { createTestDatabase, type TestDatabase } from './testing/postgres.ts';

/**
 * The whole product on PostgreSQL (DATABASE_URL), as an operator starts it:
 * the same widget and console flows as on SQLite, nothing mocked, each test
 * on a database of its own that the app migrates at start.
 */
let server: TestServer | undefined;
let database: TestDatabase | undefined;
const sockets: Array<VisitorSocket | AgentSocket> = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server?.close();
  await database?.drop();
  server = undefined;
  database = undefined;
});

async function onPostgres(): Promise<TestServer> {
  database = await createTestDatabase();
  server = await startTestServer({ databaseUrl: database.url, statusSweepMs: 0 });
  return server;
}

async function agent(s: TestServer): Promise<AgentSocket> {
  const socket = await connectAgentAs(s, s.agentEmail);
  sockets.push(socket);
  return socket;
}

describe('Mostrador on PostgreSQL', () => {
  it('reports its engine and a database that answers', async () => {
    const s = await onPostgres();
    const health = await fetch(`${s.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, engine: 'postgres', database: 'up' });
    expect(s.app.engine.kind).toBe('postgres');
    expect(s.app.groupCommit).toBeUndefined();
  });

  it('carries a chat both ways: the shopper’s message reaches the agent, who takes it and answers', async () => {
    const s = await onPostgres();
    const marta = await agent(s);
    const created = nextFact<AgentSocket, { conversation: { id: string } }>(marta, 'conversation:created');
    const chat = await shopperWrote(s, sockets, { clientId: 'pg-first-1', body: 'Teniu la talla 42?' });
    expect((await created).conversation.id).toBe(chat.conversationId);

    const visitorHears = nextFact<VisitorSocket, { event: MessageEvent }>(chat.socket, 'message:created');
    // Routing gave it to the only agent online, or it waits for her to take it.
    const taken = await agentCommand(marta, 'conversation:take', { conversationId: chat.conversationId });
    expect(taken.ok || taken.error.code === 'conflict').toBe(true);
    const answered = await agentCommand(marta, 'message:send', {
      conversationId: chat.conversationId,
      clientId: 'pg-reply-1',
      body: 'Sí, en negre i en blau.',
    });
    expect(answered.ok).toBe(true);
    expect((await visitorHears).event.body).toBe('Sí, en negre i en blau.');

    const log = await agentLog(marta, chat.conversationId);
    const messages = log.filter((e) => e.type === 'message').map((e) => [e.seq, e.body]);
    expect(messages).toEqual([
      [1, 'Teniu la talla 42?'],
      [log.find((e) => e.type === 'message' && e.body === 'Sí, en negre i en blau.')!.seq, 'Sí, en negre i en blau.'],
    ]);
    // Numbered once each, with no gap, across the shopper's message, the join and the reply.
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));

    // The agent closes it; the shopper hears it.
    const visitorHearsClose = nextFact<VisitorSocket, { conversation: { status: string } }>(chat.socket, 'conversation:changed');
    const closed = await agentCommand(marta, 'conversation:close', { conversationId: chat.conversationId });
    expect(closed.ok).toBe(true);
    expect((await visitorHearsClose).conversation.status).toBe('closed');
  });

  it('answers a resend racing its first send with the stored message, once, for the shopper and the agent alike', async () => {
    const s = await onPostgres();
    const marta = await agent(s);
    const session = await connectVisitorSession(s);
    sockets.push(session.socket);
    // The same client id twice at once: both steps read "not stored yet"; the loser runs again and finds the winner's.
    const [a, b] = await Promise.all([
      visitorCommand(session.socket, 'message:send', { clientId: 'pg-race-v1', body: 'Hola' }),
      visitorCommand(session.socket, 'message:send', { clientId: 'pg-race-v1', body: 'Hola' }),
    ]);
    if (!a.ok || !b.ok) throw new Error('a send failed');
    expect(b.data.event.seq).toBe(a.data.event.seq);
    const conversationId = a.data.conversation.id;
    await agentCommand(marta, 'conversation:take', { conversationId });
    const [x, y] = await Promise.all(
      [1, 2].map(() => agentCommand(marta, 'message:send', { conversationId, clientId: 'pg-race-a1', body: 'Bon dia' })),
    );
    if (!x?.ok || !y?.ok) throw new Error('an agent send failed');
    expect(y.data.event.seq).toBe(x.data.event.seq);
    const log = await agentLog(marta, conversationId);
    expect(log.filter((e) => e.type === 'message').map((e) => e.body)).toEqual(['Hola', 'Bon dia']);
  });

  it('stores a resend once, and keeps the conversation across a restart for the returning shopper', async () => {
    const s = await onPostgres();
    const chat = await shopperWrote(s, sockets, { clientId: 'pg-resend-1', body: 'Hola!' });
    const again = await visitorCommand(chat.socket, 'message:send', { clientId: 'pg-resend-1', body: 'Hola!' });
    expect(again.ok && again.data.conversation.id).toBe(chat.conversationId);
    for (const socket of sockets.splice(0)) socket.disconnect();

    await s.stop();
    await s.restart();

    const back = await connectVisitorSession(s, chat.token);
    sockets.push(back.socket);
    expect(back.visitorId).toBe(chat.visitorId);
    const page = await visitorCommand(back.socket, 'conversation:sync', { conversationId: chat.conversationId, afterSeq: 0 });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.data.events.filter((e) => e.type === 'message').map((e) => e.body)).toEqual(['Hola!']);
  });
});
