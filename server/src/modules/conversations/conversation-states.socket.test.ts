import { afterEach, describe, expect, it } from 'vitest';
import type {
  AgentConversationChanged,
  ConversationUpdated,
  HoursChanged,
  StateEvent,
  VisitorConversationChanged,
} from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  nextFact,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

const HOUR = 3_600_000;
const siteIdOf = () => server.app.services.sites.byKey(server.siteKey)!.id;

async function agent(email = server.agentEmail) {
  const socket = await connectAgentAs(server, email);
  sockets.push(socket);
  return socket;
}

async function visitor(token?: string) {
  const session = await connectVisitorSession(server, token);
  sockets.push(session.socket);
  return session;
}

/** A visitor who wrote once; the online agent has the chat. */
async function chatWithAgent(agentSocket: AgentSocket) {
  const v = await visitor();
  const created = nextFact<AgentSocket, { conversation: { id: string } }>(agentSocket, 'conversation:created');
  const sent = await visitorCommand(v.socket, 'message:send', { clientId: 'first-message', body: 'Hola' });
  if (!sent.ok) throw new Error(sent.error.message);
  await created;
  return { ...v, conversationId: sent.data.conversation.id };
}

/** The next state event an agent socket hears. */
function nextState(socket: AgentSocket): Promise<AgentConversationChanged & { event: StateEvent }> {
  return new Promise((resolve) => {
    const listener = (fact: AgentConversationChanged) => {
      if (fact.event.type !== 'state') return;
      socket.off('conversation:changed', listener);
      resolve(fact as AgentConversationChanged & { event: StateEvent });
    };
    socket.on('conversation:changed', listener);
  });
}

/** Every fact a visitor socket hears, in order. */
function factsOf(socket: VisitorSocket): string[] {
  const seen: string[] = [];
  socket.onAny((name: string, payload: VisitorConversationChanged) => seen.push(`${name}:${payload.event?.type ?? ''}`));
  return seen;
}

describe('conversation states', () => {
  it('sets pending as a sequenced agents-only event, and the customer writing opens it again', async () => {
    server = await startTestServer({ statusSweepMs: 0 });
    const marta = await agent();
    const chat = await chatWithAgent(marta);
    const visitorFacts = factsOf(chat.socket);

    const set = await agentCommand(marta, 'conversation:status', { conversationId: chat.conversationId, state: 'pending' });
    if (!set.ok) throw new Error(set.error.message);
    expect(set.data.event).toMatchObject({ type: 'state', state: 'pending', snoozedUntil: null, reason: 'agent' });
    expect(set.data.conversation.state).toBe('pending');
    expect(set.data.conversation.status).toBe('open');
    const again = await agentCommand(marta, 'conversation:status', { conversationId: chat.conversationId, state: 'pending' });
    expect(again.ok ? null : again.error.code).toBe('conflict');

    // The visitor never hears of it: the next thing it hears is the agent's reply.
    const reply = nextFact<VisitorSocket, VisitorConversationChanged>(chat.socket, 'message:created');
    await agentCommand(marta, 'message:send', { conversationId: chat.conversationId, clientId: 'reply-1-xx', body: 'Un moment' });
    await reply;
    expect(visitorFacts).toEqual(['message:created:message']);

    const woken = nextState(marta);
    await visitorCommand(chat.socket, 'message:send', { clientId: 'second-msg', body: 'Ja ho tinc' });
    const fact = await woken;
    expect(fact.event).toMatchObject({ state: 'open', reason: 'customer', author: { kind: 'system' } });
    expect(fact.conversation.state).toBe('open');
    expect(fact.event.seq).toBe(set.data.event.seq + 3);
  });

  it('snoozes to a preset, wakes when its time comes, and a reconnecting console resyncs the states', async () => {
    server = await startTestServer({ statusSweepMs: 0 });
    const marta = await agent();
    const chat = await chatWithAgent(marta);
    const before = Date.now();
    const snoozed = await agentCommand(marta, 'conversation:status', {
      conversationId: chat.conversationId,
      state: 'snoozed',
      until: { preset: 'hour' },
    });
    if (!snoozed.ok) throw new Error(snoozed.error.message);
    const until = snoozed.data.conversation.snoozedUntil!;
    expect(until).toBeGreaterThanOrEqual(before + HOUR);
    expect(until).toBeLessThanOrEqual(Date.now() + HOUR);
    expect(snoozed.data.conversation.state).toBe('snoozed');

    const past = await agentCommand(marta, 'conversation:status', {
      conversationId: chat.conversationId,
      state: 'snoozed',
      until: { at: Date.now() - 1000 },
    });
    expect(past.ok ? null : past.error.code).toBe('invalid_payload');

    // Time is handed in: a minute early nothing wakes, at its time it does.
    expect(await server.app.services.states.wakeDue(until - 60_000)).toBe(0);
    const woken = nextState(marta);
    expect(await server.app.services.states.wakeDue(until)).toBe(1);
    const fact = await woken;
    expect(fact.event).toMatchObject({ state: 'open', reason: 'timer' });
    expect(fact.conversation).toMatchObject({ state: 'open', snoozedUntil: null });

    // A console that reconnects gets both changes back in its resync, in order.
    marta.disconnect();
    const back = await agent();
    const page = await agentCommand(back, 'conversation:sync', { conversationId: chat.conversationId, afterSeq: 0 });
    if (!page.ok) throw new Error(page.error.message);
    const states = page.data.events.filter((e) => e.type === 'state');
    expect(states.map((e) => [e.state, e.reason])).toEqual([
      ['snoozed', 'agent'],
      ['open', 'timer'],
    ]);
    expect(page.data.conversation.state).toBe('open');
  });

  it('keeps a snooze across a restart and wakes it by the sweep', async () => {
    server = await startTestServer({ statusSweepMs: 0 });
    const marta = await agent();
    const chat = await chatWithAgent(marta);
    const snoozed = await agentCommand(marta, 'conversation:status', {
      conversationId: chat.conversationId,
      state: 'snoozed',
      until: { preset: 'tomorrow' },
    });
    if (!snoozed.ok) throw new Error(snoozed.error.message);
    marta.disconnect();
    await server.stop();
    await server.restart();
    const siteId = siteIdOf();
    const stored = (await server.app.services.conversations.openForVisitor(siteId, chat.visitorId))!;
    expect(stored).toMatchObject({ hold: 'snoozed', snoozedUntil: snoozed.data.conversation.snoozedUntil });
    await server.app.services.states.sweep(stored.snoozedUntil! + 1);
    expect(await server.app.services.conversations.openForVisitor(siteId, chat.visitorId)).toMatchObject({
      hold: null,
      snoozedUntil: null,
    });
  });

  it('refuses a status change from an agent who does not have the chat, and a foreign id like a missing one', async () => {
    server = await startTestServer({ statusSweepMs: 0 });
    const marta = await agent();
    const chat = await chatWithAgent(marta);
    await addAgent(server, { email: 'other@shop.example', name: 'Other' });
    const other = await agent('other@shop.example');
    const refused = await agentCommand(other, 'conversation:status', { conversationId: chat.conversationId, state: 'pending' });
    expect(refused.ok ? null : refused.error.code).toBe('not_found');
    const missing = await agentCommand(marta, 'conversation:status', { conversationId: 'cnv_nope', state: 'pending' });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
    expect((await server.app.services.conversations.openForVisitor(siteIdOf(), chat.visitorId))!.hold).toBeNull();
  });

  it('filters the lists by state', async () => {
    server = await startTestServer({ statusSweepMs: 0 });
    const marta = await agent();
    const first = await chatWithAgent(marta);
    await chatWithAgent(marta);
    await agentCommand(marta, 'conversation:status', { conversationId: first.conversationId, state: 'pending' });
    const pending = await agentCommand(marta, 'conversation:list', { view: 'mine', state: 'pending' });
    const open = await agentCommand(marta, 'conversation:list', { view: 'mine', state: 'open' });
    expect(pending.ok && pending.data.conversations.map((c) => c.id)).toEqual([first.conversationId]);
    expect(open.ok && open.data.conversations.length).toBe(1);
    expect(open.ok && open.data.conversations[0]!.id).not.toBe(first.conversationId);
  });
});

describe('missed chats and tickets', () => {
  it('makes a missed chat of a shopper who leaves while queued, a ticket when the shop can reach them, and lists it in Tickets', async () => {
    server = await startTestServer({ statusSweepMs: 0, visitorLeaveGraceMs: 20 });
    const siteId = siteIdOf();
    await addAgent(server, { email: 'solo@shop.example', name: 'Solo', capacity: 1, role: 'admin' });
    const solo = await agent('solo@shop.example');
    await chatWithAgent(solo);

    // Solo is full: these two wait in the queue. One leaves an email; neither stays.
    const reachable = await visitor();
    const sent = await visitorCommand(reachable.socket, 'message:send', { clientId: 'queued-one', body: 'Hola?' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.conversation.queue).not.toBeNull();
    await visitorCommand(reachable.socket, 'visitor:contact', { email: 'anna@example.com' });
    const unreachable = await visitor();
    const sentToo = await visitorCommand(unreachable.socket, 'message:send', { clientId: 'queued-two', body: 'Hi' });
    if (!sentToo.ok) throw new Error(sentToo.error.message);

    const missed = nextState(solo);
    reachable.socket.disconnect();
    const fact = await missed;
    expect(fact.event).toMatchObject({ state: 'open', reason: 'missed' });
    expect(fact.conversation.id).toBe(sent.data.conversation.id);
    expect(fact.conversation.missedAt).not.toBeNull();
    expect(fact.conversation.ticketSince).toBe(fact.conversation.missedAt);
    expect(fact.conversation.visitorLeftAt).not.toBeNull();

    const missedToo = nextState(solo);
    unreachable.socket.disconnect();
    const other = await missedToo;
    expect(other.conversation.missedAt).not.toBeNull();
    expect(other.conversation.ticketSince).toBeNull();

    const tickets = await agentCommand(solo, 'conversation:list', { view: 'tickets' });
    expect(tickets.ok && tickets.data.conversations.map((c) => c.id)).toEqual([sent.data.conversation.id, sentToo.data.conversation.id]);

    const today = new Date().toISOString().slice(0, 10);
    const report = await server.app.services.states.missedChats(siteId, today, today);
    expect(report.ok && report.data.days.reduce((n, d) => n + d.missed, 0)).toBe(2);
    expect(report.ok && report.data.days.reduce((n, d) => n + d.ticketed, 0)).toBe(1);

    // Back on the site: out of Tickets, told as a summary.
    const updated = nextFact<AgentSocket, ConversationUpdated>(solo, 'conversation:updated');
    await visitor(reachable.token);
    expect((await updated).conversation).toMatchObject({ id: sent.data.conversation.id, visitorLeftAt: null });
    const after = await agentCommand(solo, 'conversation:list', { view: 'tickets' });
    expect(after.ok && after.data.conversations.map((c) => c.id)).toEqual([sentToo.data.conversation.id]);
  });

  it('turns chats still queued when the shop closes into tickets, and pushes the new hours to open widgets', async () => {
    server = await startTestServer({ statusSweepMs: 0 });
    const siteId = siteIdOf();
    await addAgent(server, { email: 'solo@shop.example', name: 'Solo', capacity: 1, role: 'admin' });
    const solo = await agent('solo@shop.example');
    await chatWithAgent(solo);
    const queued = await visitor();
    const sent = await visitorCommand(queued.socket, 'message:send', { clientId: 'queued-one', body: 'Hola?' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect((await server.app.services.conversations.openForVisitor(siteId, queued.visitorId))!.ticketSince).toBeNull();

    const hours = {
      timeZone: 'Europe/Madrid',
      weekly: [],
      holidays: [],
      closures: [],
    };
    const pushed = nextFact<VisitorSocket, HoursChanged>(queued.socket, 'hours:changed');
    const ticketed = nextState(solo);
    expect((await server.app.services.hours.replace(siteId, { site: hours, departments: [] })).ok).toBe(true);
    expect((await pushed).hours).toEqual({ site: hours, departments: {} });
    const fact = await ticketed;
    expect(fact.event).toMatchObject({ state: 'open', reason: 'ticket' });
    expect(fact.conversation.ticketSince).not.toBeNull();
    expect(fact.conversation.assignee).toBeNull();
  });

  it('turns the chats of the last agent to leave, and the chats queued behind them, into tickets', async () => {
    server = await startTestServer({ statusSweepMs: 0, offlineGraceMs: 50 });
    const siteId = siteIdOf();
    await addAgent(server, { email: 'solo@shop.example', name: 'Solo', capacity: 1 });
    const solo = await agent('solo@shop.example');
    const admin = await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    const watcher = await agent('boss@shop.example');
    // The watching admin is away, so no candidate: Solo is the only one who can answer.
    await server.app.services.team.setAvailability(admin, siteId, 'away');
    const chat = await chatWithAgent(solo);
    const queued = await visitor();
    const sent = await visitorCommand(queued.socket, 'message:send', { clientId: 'queued-one', body: 'Hola?' });
    if (!sent.ok) throw new Error(sent.error.message);

    const facts: Array<AgentConversationChanged & { event: StateEvent }> = [];
    const bothTicketed = new Promise<void>((resolve) =>
      watcher.on('conversation:changed', (fact) => {
        if (fact.event.type === 'state') facts.push(fact as AgentConversationChanged & { event: StateEvent });
        if (facts.length === 2) resolve();
      }),
    );
    solo.disconnect();
    await bothTicketed;
    expect(facts.map((f) => f.event.reason)).toEqual(['ticket', 'ticket']);
    expect(new Set(facts.map((f) => f.conversation.id))).toEqual(new Set([chat.conversationId, sent.data.conversation.id]));
    for (const fact of facts) expect(fact.conversation).toMatchObject({ assignee: null, ticketSince: expect.any(Number) });
  });
});
