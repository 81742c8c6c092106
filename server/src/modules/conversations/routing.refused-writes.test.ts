import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  connectAgent,
  connectAgentAs,
  connected,
  connectVisitorSession,
  login,
  nextFact,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { ROUTING_RETRY_MS } from './routing.service.ts';

/**
 * When the database refuses a write (locked by another process past the busy
 * timeout, a full disk), routing's own passes, which nobody awaits, must not
 * take the server down with an unhandled rejection, nor leave the queue
 * standing: each is logged and tried again. The database refuses every
 * write for real, with no stand-in for our code: SQLite's `query_only`, or
 * on PostgreSQL a database whose sessions are read-only (as a standby's).
 */
let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];
const logged: Array<{ msg?: string; err?: { message?: string } }> = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  logged.length = 0;
  await server?.close();
});

async function start(offlineGraceMs = 300): Promise<void> {
  server = await startTestServer(
    { offlineGraceMs, logLevel: 'error' },
    { logStream: { write: (line) => logged.push(JSON.parse(line) as (typeof logged)[number]) } },
  );
}

async function refuseWrites(refuse: boolean): Promise<void> {
  const { engine } = server.app;
  if (engine.kind === 'sqlite') {
    engine.db.$client.pragma(`query_only = ${refuse ? 'ON' : 'OFF'}`);
    return;
  }
  // A database setting counts from a session's start: the app's open sessions are ended, and its pool opens new ones.
  const setting = refuse ? 'on' : 'off';
  const session = await engine.db.$client.connect();
  try {
    // This session may be a read-only one already: it writes the setting first, then takes it itself.
    await session.query('SET default_transaction_read_only = off');
    const { rows } = await session.query<{ name: string }>('SELECT current_database() AS name');
    await session.query(`ALTER DATABASE "${rows[0]!.name}" SET default_transaction_read_only = ${setting}`);
    await session.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    await session.query(`SET default_transaction_read_only = ${setting}`);
  } finally {
    session.release();
  }
}
const routingFailures = () => logged.filter((line) => line.msg === 'routing pass failed; retrying');

async function mine(socket: AgentSocket): Promise<string[]> {
  const result = await agentCommand(socket, 'conversation:list', { view: 'mine' });
  if (!result.ok) throw new Error(result.error.message);
  return result.data.conversations.map((c: ConversationSummary) => c.id);
}

describe('routing when the database refuses writes', () => {
  it('retries a queue pass it could not write, and assigns the waiting chat once writes work again', async () => {
    await start();
    await addAgent(server, { email: 'solo@shop.example', name: 'Solo', capacity: 1 });
    const { socket: visitor } = await connectVisitorSession(server);
    sockets.push(visitor);
    const sent = await visitorCommand(visitor, 'message:send', { clientId: 'refused-queue-1', body: 'hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.conversation.queue?.position).toBe(1);
    const cookie = await login(server.url, 'solo@shop.example', 'correct horse battery');

    await refuseWrites(true);
    // Solo arriving runs a queue pass, which cannot write its claim.
    const solo = connectAgent(server.url, cookie);
    sockets.push(solo);
    await connected(solo);
    await expect.poll(() => routingFailures().length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(routingFailures()[0]?.err?.message).toMatch(/read-?only/i);
    expect(await mine(solo)).toEqual([]);

    await refuseWrites(false);
    const joined = nextFact<VisitorSocket, { event: { type: string } }>(visitor, 'conversation:changed', 5_000);
    expect((await joined).event.type).toBe('joined');
    expect(await mine(solo)).toEqual([sent.data.conversation.id]);
  });

  it('retries giving back the chats of an agent who left, while it stays away', async () => {
    await start();
    await addAgent(server, { email: 'leaving@shop.example', name: 'Leaving', capacity: 2 });
    const leaving = await connectAgentAs(server, 'leaving@shop.example');
    sockets.push(leaving);
    const { socket: visitor } = await connectVisitorSession(server);
    sockets.push(visitor);
    const sent = await visitorCommand(visitor, 'message:send', { clientId: 'refused-offline', body: 'hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.conversation.agents).toEqual([{ name: 'Leaving' }]);

    await refuseWrites(true);
    leaving.disconnect();
    // The grace period runs out and the chat cannot be given back yet.
    await expect.poll(() => routingFailures().length, { timeout: 5_000 }).toBeGreaterThan(0);

    const told = nextFact<VisitorSocket, { event: { type: string; reason?: string } }>(visitor, 'conversation:changed', 5_000);
    await refuseWrites(false);
    expect((await told).event).toMatchObject({ type: 'left', reason: 'offline' });
  });

  it('does not give back the chats of an agent who came back before the retry', async () => {
    await start();
    await addAgent(server, { email: 'back@shop.example', name: 'Back', capacity: 2 });
    const first = await connectAgentAs(server, 'back@shop.example');
    sockets.push(first);
    const { socket: visitor } = await connectVisitorSession(server);
    sockets.push(visitor);
    const sent = await visitorCommand(visitor, 'message:send', { clientId: 'refused-back-1', body: 'hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    const cookie = await login(server.url, 'back@shop.example', 'correct horse battery');

    await refuseWrites(true);
    first.disconnect();
    await expect.poll(() => routingFailures().length, { timeout: 5_000 }).toBeGreaterThan(0);
    const again = connectAgent(server.url, cookie);
    sockets.push(again);
    await connected(again);
    await refuseWrites(false);

    // Any retry was scheduled before writes came back, so it fires before a timer of the same length set now
    // (timers fire in order of expiry), and whatever it writes goes through the group commit ahead of the reply
    // below. The reply reaching the visitor with no "left" before it proves the retry gave nothing back.
    const seen: string[] = [];
    const record = ({ event }: { event: { type: string } }) => seen.push(event.type);
    visitor.on('conversation:changed', record);
    visitor.on('message:created', record);
    await new Promise((resolve) => setTimeout(resolve, ROUTING_RETRY_MS));
    const reply = await agentCommand(again, 'message:send', {
      conversationId: sent.data.conversation.id,
      clientId: 'refused-back-reply',
      body: 'sóc aquí',
    });
    expect(reply.ok).toBe(true);
    await expect.poll(() => seen.at(-1)).toBe('message');
    expect(seen).not.toContain('left');
    expect(await mine(again)).toEqual([sent.data.conversation.id]);
  });
});
