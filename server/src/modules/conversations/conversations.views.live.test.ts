import { describe, expect, it } from 'vitest';
import { addAgent, agentCommand, connectAgentAs, sqlOn, type AgentSocket } from '../../testing/harness.ts';
import { shopperWrote } from '../../testing/conversation-helpers.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * What the agents' summary shows of a chat still live: its time in line only
 * while nobody has it, the shopper-gone mark while it is open, and its guests
 * by id and name (the console's avatars and the "in this chat" list use both).
 */
const scope = serverPerTest({ statusSweepMs: 0, visitorLeaveGraceMs: 20 });
const { sockets } = scope;

function stored(conversationId: string) {
  return sqlOn(scope.server.app.engine).one<{ queuedAt: number | null; visitorLeftAt: number | null; assigneeId: string | null }>(
    'SELECT queued_at AS "queuedAt", visitor_left_at AS "visitorLeftAt", assignee_id AS "assigneeId" FROM conversations WHERE id = ?',
    conversationId,
  );
}

async function agent(email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  return socket;
}

async function listed(socket: AgentSocket, view: 'mine' | 'queue', conversationId: string) {
  const list = await agentCommand(socket, 'conversation:list', { view });
  if (!list.ok) throw new Error(list.error.message);
  return list.data.conversations.find((c) => c.id === conversationId);
}

describe('the agents’ summary of a live chat', () => {
  it('gives a waiting chat its time in line, and none once it is answered by the agent it waited for', async () => {
    await addAgent(scope.server, { email: 'solo@shop.example', name: 'Solo', capacity: 1, role: 'admin' });
    const solo = await agent('solo@shop.example');
    const first = await shopperWrote(scope.server, sockets, { clientId: 'fills-solo' });
    const waiting = await shopperWrote(scope.server, sockets, { clientId: 'waits-in-line' });

    const inLine = await listed(solo, 'queue', waiting.conversationId);
    expect(inLine).toMatchObject({ assignee: null, state: 'open' });
    expect(inLine?.queuedAt).toBe((await stored(waiting.conversationId)).queuedAt);
    expect(inLine?.queuedAt).toEqual(expect.any(Number));

    // Solo's first chat ends: the queue pass gives Solo the waiting one.
    expect((await agentCommand(solo, 'conversation:close', { conversationId: first.conversationId })).ok).toBe(true);
    await expect.poll(async () => (await stored(waiting.conversationId)).assigneeId).not.toBeNull();
    const answered = await listed(solo, 'mine', waiting.conversationId);
    expect(answered?.assignee?.name).toBe('Solo');
    expect(answered?.queuedAt).toBeNull();
  });

  it('marks an open chat whose shopper has gone, with when they left', async () => {
    const marta = await agent(scope.server.agentEmail);
    const chat = await shopperWrote(scope.server, sockets, { clientId: 'then-leaves' });
    const before = await listed(marta, 'mine', chat.conversationId);
    expect(before?.visitorLeftAt).toBeNull();

    chat.socket.disconnect();
    await expect.poll(async () => (await stored(chat.conversationId)).visitorLeftAt).not.toBeNull();
    const after = await listed(marta, 'mine', chat.conversationId);
    expect(after).toMatchObject({ status: 'open', visitorLeftAt: (await stored(chat.conversationId)).visitorLeftAt });
    expect(after?.visitorLeftAt).toEqual(expect.any(Number));
  });

  it('lists its guests by id and name', async () => {
    const marta = await agent(scope.server.agentEmail);
    const chat = await shopperWrote(scope.server, sockets, { clientId: 'with-a-guest' });
    const bossId = await addAgent(scope.server, { email: 'boss@shop.example', name: 'Boss' });
    const boss = await agent('boss@shop.example');
    expect((await listed(marta, 'mine', chat.conversationId))?.guests).toEqual([]);

    const invited = await agentCommand(marta, 'conversation:invite', { conversationId: chat.conversationId, agentId: bossId });
    if (!invited.ok) throw new Error(invited.error.message);
    expect(invited.data.conversation.guests).toEqual([{ id: bossId, name: 'Boss' }]);
    // The guest's own inbox lists it too, with the same guests.
    expect((await listed(boss, 'mine', chat.conversationId))?.guests).toEqual([{ id: bossId, name: 'Boss' }]);
  });
});
