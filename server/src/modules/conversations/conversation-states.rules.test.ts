import { describe, expect, it } from 'vitest';
import { addAgent, agentCommand, connectAgentAs, visitorCommand, sqlOn, type AgentSocket } from '../../testing/harness.ts';
import { shopperWrote, statesHeard } from '../../testing/conversation-helpers.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * Who may put a conversation on hold, and what the change records and tells:
 * only an agent who writes in an open conversation, a new snooze time is a
 * change of its own, the event names the agent, and the other consoles hear it.
 */
const scope = serverPerTest({ statusSweepMs: 0 });
const { sockets } = scope;
const HOUR = 3_600_000;

const siteId = () => scope.server.app.services.sites.byKey(scope.server.siteKey)!.id;
const agentIdOf = (name: string) => scope.server.app.services.agents.list(siteId()).find((a) => a.name === name)!.id;

function stored(conversationId: string) {
  return sqlOn(scope.server.app.engine).one<{
    status: string;
    hold: string | null;
    snoozedUntil: number | null;
    assigneeId: string | null;
  }>('SELECT status, hold, snoozed_until AS "snoozedUntil", assignee_id AS "assigneeId" FROM conversations WHERE id = ?', conversationId);
}

async function agent(email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  return socket;
}

const visitorChat = async (clientId: string): Promise<string> =>
  (await shopperWrote(scope.server, sockets, { clientId, body: 'Hola' })).conversationId;

describe('who may set a state', () => {
  it('refuses an agent who only reads a queued chat: forbidden, and the chat stays open in the queue', async () => {
    await addAgent(scope.server, { email: 'solo@shop.example', name: 'Solo', capacity: 1 });
    const solo = await agent('solo@shop.example');
    // Marta is away: she reads the site-wide queue but is given nothing from it.
    const marta = await agent(scope.server.agentEmail);
    await scope.server.app.services.team.setAvailability(agentIdOf('Marta'), siteId(), 'away');
    const solos = await visitorChat('solo-takes-it');
    const queued = await visitorChat('waits-in-line');
    expect((await stored(queued)).assigneeId).toBeNull();
    const heard = statesHeard(solo);

    const refused = await agentCommand(marta, 'conversation:status', { conversationId: queued, state: 'pending' });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    expect(await stored(queued)).toMatchObject({ hold: null, snoozedUntil: null, assigneeId: null });
    // Solo's own change is the first state he hears: Marta's refused one was never told.
    expect((await agentCommand(solo, 'conversation:status', { conversationId: solos, state: 'pending' })).ok).toBe(true);
    await expect.poll(() => heard.length).toBeGreaterThan(0);
    expect(heard.map((f) => f.conversation.id)).toEqual([solos]);
  });

  it('refuses a resolved conversation: conflict, and it stays resolved with no hold', async () => {
    const marta = await agent(scope.server.agentEmail);
    const conversationId = await visitorChat('soon-resolved');
    expect((await agentCommand(marta, 'conversation:close', { conversationId })).ok).toBe(true);

    const refused = await agentCommand(marta, 'conversation:status', { conversationId, state: 'pending' });
    expect(refused.ok ? null : refused.error.code).toBe('conflict');
    expect(await stored(conversationId)).toMatchObject({ status: 'closed', hold: null });
    const page = await agentCommand(marta, 'conversation:sync', { conversationId, afterSeq: 0 });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.data.events.filter((e) => e.type === 'state')).toEqual([]);
  });
});

describe('a snooze moved', () => {
  it('takes a new time for a snoozed chat as a change, and refuses the same time again', async () => {
    const marta = await agent(scope.server.agentEmail);
    const conversationId = await visitorChat('snoozed-twice');
    const first = Date.now() + HOUR;
    const snoozed = await agentCommand(marta, 'conversation:status', { conversationId, state: 'snoozed', until: { at: first } });
    expect(snoozed.ok).toBe(true);

    const later = first + HOUR;
    const moved = await agentCommand(marta, 'conversation:status', { conversationId, state: 'snoozed', until: { at: later } });
    if (!moved.ok) throw new Error(moved.error.message);
    expect(moved.data.event).toMatchObject({ type: 'state', state: 'snoozed', snoozedUntil: later });
    expect(await stored(conversationId)).toMatchObject({ hold: 'snoozed', snoozedUntil: later });
    // The first time has no say any more: the chat sleeps through it.
    expect(await scope.server.app.services.states.wakeDue(first)).toBe(0);

    const same = await agentCommand(marta, 'conversation:status', { conversationId, state: 'snoozed', until: { at: later } });
    expect(same.ok ? null : same.error.code).toBe('conflict');
  });
});

describe('what the shopper sees of it', () => {
  it('nothing: a state change is the agents’ alone, and the shopper’s numbering does not move', async () => {
    const marta = await agent(scope.server.agentEmail);
    const shopper = await shopperWrote(scope.server, sockets, { clientId: 'state-unseen', body: 'Hola' });
    const { conversationId } = shopper;
    const before = await visitorCommand(shopper.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
    if (!before.ok) throw new Error(before.error.message);
    const heard: string[] = [];
    shopper.socket.on('conversation:changed', ({ event }) => heard.push(event.type));
    shopper.socket.on('message:created', ({ event }) => heard.push(event.type));

    expect((await agentCommand(marta, 'conversation:status', { conversationId, state: 'pending' })).ok).toBe(true);
    expect((await agentCommand(marta, 'conversation:status', { conversationId, state: 'open' })).ok).toBe(true);
    // A message after the changes is the marker: the shopper hears it as the very next line.
    expect((await agentCommand(marta, 'message:send', { conversationId, clientId: 'after-states', body: 'Ja hi soc' })).ok).toBe(true);
    await expect.poll(() => heard).toEqual(['message']);
    const after = await visitorCommand(shopper.socket, 'conversation:sync', { conversationId, afterSeq: before.data.conversation.lastSeq });
    if (!after.ok) throw new Error(after.error.message);
    expect(after.data.conversation.lastSeq).toBe(before.data.conversation.lastSeq + 1);
    expect(after.data.events.map((e) => [e.seq, e.type])).toEqual([[before.data.conversation.lastSeq + 1, 'message']]);
  });
});

describe('a hold taken off', () => {
  it('stores no hold for a chat set open again, so a pending chat reopened counts as open everywhere (Tickets, the queue)', async () => {
    const marta = await agent(scope.server.agentEmail);
    const conversationId = await visitorChat('pending-then-open');
    expect((await agentCommand(marta, 'conversation:status', { conversationId, state: 'pending' })).ok).toBe(true);
    expect((await stored(conversationId)).hold).toBe('pending');

    const reopened = await agentCommand(marta, 'conversation:status', { conversationId, state: 'open' });
    if (!reopened.ok) throw new Error(reopened.error.message);
    expect(reopened.data.conversation).toMatchObject({ state: 'open', snoozedUntil: null });
    expect(await stored(conversationId)).toMatchObject({ status: 'open', hold: null, snoozedUntil: null });
    const again = await agentCommand(marta, 'conversation:status', { conversationId, state: 'open' });
    expect(again.ok ? null : again.error.code).toBe('conflict');
  });
});

describe('what a change records and tells', () => {
  it('names the agent who set it, and the other consoles hear it live', async () => {
    await addAgent(scope.server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    const marta = await agent(scope.server.agentEmail);
    const conversationId = await visitorChat('watched-chat');
    const boss = await agent('boss@shop.example');
    const martaId = agentIdOf('Marta');
    expect((await stored(conversationId)).assigneeId).toBe(martaId);

    const heard = statesHeard(boss);
    const set = await agentCommand(marta, 'conversation:status', { conversationId, state: 'pending' });
    if (!set.ok) throw new Error(set.error.message);
    expect(set.data.event.author).toEqual({ kind: 'agent', id: martaId, name: 'Marta' });
    await expect.poll(() => heard.length).toBe(1);
    expect(heard[0]!.event).toEqual(set.data.event);
    expect(heard[0]!.conversation).toMatchObject({ id: conversationId, state: 'pending' });

    // The resync tells the same author.
    const page = await agentCommand(boss, 'conversation:sync', { conversationId, afterSeq: 0 });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.data.events.find((e) => e.type === 'state')?.author).toEqual({ kind: 'agent', id: martaId, name: 'Marta' });
  });
});
