import { describe, expect, it } from 'vitest';
import type { ConversationUpdated } from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  visitorCommand,
  sqlOn,
  type AgentSocket,
} from '../../testing/harness.ts';
import { shopperWrote, statesHeard } from '../../testing/conversation-helpers.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * A shopper who leaves the site: only a chat still waiting in the queue is a
 * missed chat, once, and a ticket only if it was not one already; any other
 * conversation is just marked gone, at the first notice of leaving.
 */
// A short grace, so a closed widget counts as gone at once.
const scope = serverPerTest({ statusSweepMs: 0, visitorLeaveGraceMs: 20 });
const { sockets } = scope;

const siteId = () => scope.server.app.services.sites.byKey(scope.server.siteKey)!.id;

function stored(conversationId: string) {
  return sqlOn(scope.server.app.engine).one<{
    missedAt: number | null;
    ticketSince: number | null;
    visitorLeftAt: number | null;
    hold: string | null;
  }>(
    'SELECT missed_at AS "missedAt", ticket_since AS "ticketSince", visitor_left_at AS "visitorLeftAt", hold FROM conversations WHERE id = ?',
    conversationId,
  );
}

async function agent(email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  return socket;
}

const visitorChat = (clientId: string, token?: string) => shopperWrote(scope.server, sockets, { clientId, token });

/** The next summary of one conversation an agent socket hears. */
function nextSummary(socket: AgentSocket, conversationId: string): Promise<ConversationUpdated> {
  return new Promise((resolve) => {
    const listener = (fact: ConversationUpdated) => {
      if (fact.conversation.id !== conversationId) return;
      socket.off('conversation:updated', listener);
      resolve(fact);
    };
    socket.on('conversation:updated', listener);
  });
}

const missedToday = async () => {
  const today = new Date().toISOString().slice(0, 10);
  const report = await scope.server.app.services.states.missedChats(siteId(), today, today);
  if (!report.ok) throw new Error(report.error.message);
  return report.data.days.reduce((n, d) => n + d.missed, 0);
};

/** Solo, capacity one, has a chat: the next shopper waits in the queue. */
async function soloIsFull() {
  await addAgent(scope.server, { email: 'solo@shop.example', name: 'Solo', capacity: 1, role: 'admin' });
  const solo = await agent('solo@shop.example');
  await visitorChat('solo-has-this');
  return solo;
}

describe('a shopper who leaves', () => {
  it('leaving a chat an agent has is no missed chat: it is marked gone in a summary, with no state event', async () => {
    const marta = await agent(scope.server.agentEmail);
    const chat = await visitorChat('answered-chat');
    const heard = statesHeard(marta);
    const updated = nextSummary(marta, chat.conversationId);
    chat.socket.disconnect();

    const fact = await updated;
    expect(fact.conversation).toMatchObject({ missedAt: null, ticketSince: null, visitorLeftAt: expect.any(Number) });
    expect(await stored(chat.conversationId)).toMatchObject({
      missedAt: null,
      ticketSince: null,
      visitorLeftAt: fact.conversation.visitorLeftAt,
    });
    expect(heard).toEqual([]);
    expect(await missedToday()).toBe(0);
  });

  it('a queued shopper who comes back and leaves again is missed once: one state event, the first time kept', async () => {
    const solo = await soloIsFull();
    const heard = statesHeard(solo);
    const queued = await visitorChat('comes-and-goes');
    queued.socket.disconnect();
    await expect.poll(() => heard.length).toBe(1);
    const { missedAt } = await stored(queued.conversationId);
    expect(missedAt).not.toBeNull();

    const back = nextSummary(solo, queued.conversationId);
    const again = await connectVisitorSession(scope.server, queued.token);
    sockets.push(again.socket);
    expect((await back).conversation.visitorLeftAt).toBeNull();

    // Gone again: told as a summary, and the state events are still the first one alone.
    const gone = nextSummary(solo, queued.conversationId);
    again.socket.disconnect();
    expect((await gone).conversation).toMatchObject({ missedAt, visitorLeftAt: expect.any(Number) });
    expect(heard.map((f) => f.event.reason)).toEqual(['missed']);
    expect((await stored(queued.conversationId)).missedAt).toBe(missedAt);
    expect(await missedToday()).toBe(1);
  });

  it('a queued chat put on hold is not missed when the shopper leaves: it waits on them already', async () => {
    const solo = await soloIsFull();
    const queued = await visitorChat('held-in-queue');
    // Solo is an admin: he may set a state on a chat that is not his.
    const held = await agentCommand(solo, 'conversation:status', { conversationId: queued.conversationId, state: 'pending' });
    expect(held.ok).toBe(true);
    const heard = statesHeard(solo);
    const gone = nextSummary(solo, queued.conversationId);
    queued.socket.disconnect();

    expect((await gone).conversation).toMatchObject({ state: 'pending', missedAt: null, visitorLeftAt: expect.any(Number) });
    expect(heard).toEqual([]);
    expect(await stored(queued.conversationId)).toMatchObject({ hold: 'pending', missedAt: null });
    expect(await missedToday()).toBe(0);
    // Waiting on a shopper who has gone is what Tickets lists: a pending chat is one of them.
    const tickets = await agentCommand(solo, 'conversation:list', { view: 'tickets' });
    expect(tickets.ok && tickets.data.conversations.map((c) => [c.id, c.state])).toEqual([[queued.conversationId, 'pending']]);
  });

  it('a chat that was a ticket already keeps the time it became one when a shopper the shop can reach leaves', async () => {
    // Nobody is online: the chat is a ticket from its first message.
    const chat = await visitorChat('ticket-at-once');
    const { ticketSince } = await stored(chat.conversationId);
    expect(ticketSince).not.toBeNull();
    await visitorCommand(chat.socket, 'visitor:contact', { email: 'anna@example.com' });
    chat.socket.disconnect();

    await expect.poll(async () => (await stored(chat.conversationId)).missedAt).not.toBeNull();
    expect((await stored(chat.conversationId)).ticketSince).toBe(ticketSince);
  });

  it('a second notice of leaving does not move the time the shopper left', async () => {
    const solo = await soloIsFull();
    const queued = await visitorChat('left-twice');
    const { states } = scope.server.app.services;
    // Two notices, as after a restart marked everyone gone and the widget's leave came too.
    const first = Date.now();
    await states.visitorLeft(siteId(), queued.visitorId, first);
    await states.visitorLeft(siteId(), queued.visitorId, first + 60_000);
    expect(await stored(queued.conversationId)).toMatchObject({ visitorLeftAt: first, missedAt: first });
    const tickets = await agentCommand(solo, 'conversation:list', { view: 'tickets' });
    expect(tickets.ok && tickets.data.conversations.map((c) => [c.id, c.visitorLeftAt])).toEqual([[queued.conversationId, first]]);
  });
});
