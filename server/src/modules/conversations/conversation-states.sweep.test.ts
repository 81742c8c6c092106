import { afterEach, describe, expect, it } from 'vitest';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  startTestServer,
  sqlOn,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { shopperWrote, statesHeard } from '../../testing/conversation-helpers.ts';

/**
 * The background sweep, which no command asks for: queued chats become
 * tickets when the shop's hours end with nobody's word, snoozes wake on the
 * timer by themselves, and a start wakes what came due while the server was
 * down and counts every shopper gone until they are back.
 */
let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

const HOUR = 3_600_000;
const siteId = () => server.app.services.sites.byKey(server.siteKey)!.id;

function stored(conversationId: string) {
  return sqlOn(server.app.engine).one<{ ticketSince: number | null; hold: string | null; visitorLeftAt: number | null }>(
    'SELECT ticket_since AS "ticketSince", hold, visitor_left_at AS "visitorLeftAt" FROM conversations WHERE id = ?',
    conversationId,
  );
}

async function agent(email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(server, email);
  sockets.push(socket);
  return socket;
}

const visitorChat = (clientId: string) => shopperWrote(server, sockets, { clientId });

describe('the sweep', () => {
  it('leaves a queued chat in the live queue while the shop is open, and makes it a ticket once its hours end', async () => {
    server = await startTestServer({ statusSweepMs: 0 });
    await addAgent(server, { email: 'solo@shop.example', name: 'Solo', capacity: 1, role: 'admin' });
    const solo = await agent('solo@shop.example');
    await visitorChat('solo-has-this');
    // Open around the clock, but closed for an hour from an hour on.
    const now = Date.now();
    const replaced = await server.app.services.hours.replace(siteId(), {
      site: {
        timeZone: 'UTC',
        weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, from: '00:00', to: '24:00' })),
        holidays: [],
        closures: [{ from: now + HOUR, to: now + 2 * HOUR }],
      },
      departments: [],
    });
    expect(replaced.ok).toBe(true);
    const queued = await visitorChat('waits-in-line');
    const heard = statesHeard(solo);

    // Solo is online and the shop open: someone can answer, so it stays a live chat.
    await server.app.services.states.sweep(now + HOUR / 2);
    expect((await stored(queued.conversationId)).ticketSince).toBeNull();

    const closedAt = now + HOUR + HOUR / 2;
    await server.app.services.states.sweep(closedAt);
    expect((await stored(queued.conversationId)).ticketSince).toBe(closedAt);
    await expect.poll(() => heard.length).toBe(1);
    expect(heard[0]!.event).toMatchObject({ state: 'open', reason: 'ticket' });
    expect(heard[0]!.conversation).toMatchObject({ id: queued.conversationId, ticketSince: closedAt });
  });

  it('wakes a snooze on its own timer, with no one calling the sweep', async () => {
    server = await startTestServer({ statusSweepMs: 50 });
    const marta = await agent(server.agentEmail);
    const chat = await visitorChat('short-snooze');
    const heard = statesHeard(marta);
    const snoozed = await agentCommand(marta, 'conversation:status', {
      conversationId: chat.conversationId,
      state: 'snoozed',
      until: { at: Date.now() + 300 },
    });
    expect(snoozed.ok).toBe(true);

    await expect.poll(() => heard.length, { timeout: 5000 }).toBe(2);
    expect(heard.map((f) => [f.event.state, f.event.reason])).toEqual([
      ['snoozed', 'agent'],
      ['open', 'timer'],
    ]);
    expect((await stored(chat.conversationId)).hold).toBeNull();
  });

  it('wakes at start a snooze that came due while the server was down, with the timer off', async () => {
    server = await startTestServer({ statusSweepMs: 0 });
    const marta = await agent(server.agentEmail);
    const chat = await visitorChat('due-while-down');
    const until = Date.now() + 200;
    const snoozed = await agentCommand(marta, 'conversation:status', {
      conversationId: chat.conversationId,
      state: 'snoozed',
      until: { at: until },
    });
    expect(snoozed.ok).toBe(true);
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server.stop();
    // Down until the snooze's time has passed.
    await expect.poll(() => Date.now() > until).toBe(true);
    await server.restart();
    await expect.poll(async () => (await stored(chat.conversationId)).hold).toBeNull();
  });

  it('after a restart counts the shoppers of open chats gone, until each one is back', async () => {
    server = await startTestServer({ statusSweepMs: 0 });
    await agent(server.agentEmail);
    const chat = await visitorChat('across-a-restart');
    expect((await stored(chat.conversationId)).visitorLeftAt).toBeNull();
    for (const socket of sockets.splice(0)) socket.disconnect();
    const before = Date.now();
    await server.stop();
    await server.restart();
    expect((await stored(chat.conversationId)).visitorLeftAt).toBeGreaterThanOrEqual(before);

    const back = await connectVisitorSession(server, chat.token);
    sockets.push(back.socket);
    await expect.poll(async () => (await stored(chat.conversationId)).visitorLeftAt).toBeNull();
  });
});
