import { describe, expect, it } from 'vitest';
import type { VisitorConversationChanged } from '@mostrador/shared';
import { addAgent, agentCommand, connectAgentAs, sqlOn, type AgentSocket, type VisitorSocket } from '../../testing/harness.ts';
import { shopperWrote } from '../../testing/conversation-helpers.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * What each audience is shown of a conversation that is over: the agents'
 * summary says resolved and drops the shopper-gone mark the row still holds
 * (the Tickets view's sign, meaningless once resolved); the shopper's view
 * names no agents any more, and named them without ids while they had no picture.
 */
// A short grace, so a closed widget counts as gone at once.
const scope = serverPerTest({ statusSweepMs: 0, visitorLeaveGraceMs: 20 });
const { sockets } = scope;

function stored(conversationId: string) {
  return sqlOn(scope.server.app.engine).one<{ status: string; queuedAt: number | null; visitorLeftAt: number | null }>(
    'SELECT status, queued_at AS "queuedAt", visitor_left_at AS "visitorLeftAt" FROM conversations WHERE id = ?',
    conversationId,
  );
}

async function agent(email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  return socket;
}

const visitorChat = (clientId: string) => shopperWrote(scope.server, sockets, { clientId });

/** Every conversation change a visitor socket hears, in order. */
function changesHeard(socket: VisitorSocket): VisitorConversationChanged[] {
  const heard: VisitorConversationChanged[] = [];
  socket.on('conversation:changed', (fact) => heard.push(fact));
  return heard;
}

describe('the agents’ summary of a resolved chat', () => {
  it('says resolved, with no time in the queue and no shopper gone, though the row keeps when the shopper left', async () => {
    await addAgent(scope.server, { email: 'solo@shop.example', name: 'Solo', capacity: 1, role: 'admin' });
    const solo = await agent('solo@shop.example');
    await visitorChat('solo-has-this');
    const queued = await visitorChat('never-answered');
    queued.socket.disconnect();
    await expect.poll(async () => (await stored(queued.conversationId)).visitorLeftAt).not.toBeNull();

    // Solo, an admin, resolves the missed chat from the queue.
    const closed = await agentCommand(solo, 'conversation:close', { conversationId: queued.conversationId });
    if (!closed.ok) throw new Error(closed.error.message);
    expect(closed.data.conversation).toMatchObject({ status: 'closed', state: 'resolved', queuedAt: null, visitorLeftAt: null });
    // The row still knows the shopper left (the close clears the queue time itself).
    expect(await stored(queued.conversationId)).toMatchObject({ status: 'closed', queuedAt: null, visitorLeftAt: expect.any(Number) });

    const resolved = await agentCommand(solo, 'conversation:list', { view: 'closed' });
    if (!resolved.ok) throw new Error(resolved.error.message);
    expect(resolved.data.conversations.map((c) => [c.id, c.state, c.queuedAt, c.visitorLeftAt])).toEqual([
      [queued.conversationId, 'resolved', null, null],
    ]);
  });
});

describe('the shopper’s view', () => {
  it('names the agent and the guest by name alone while the chat is open, and no one once it is resolved', async () => {
    const marta = await agent(scope.server.agentEmail);
    const chat = await visitorChat('with-a-guest');
    const bossId = await addAgent(scope.server, { email: 'boss@shop.example', name: 'Boss' });
    await agent('boss@shop.example');
    const heard = changesHeard(chat.socket);

    const invited = await agentCommand(marta, 'conversation:invite', { conversationId: chat.conversationId, agentId: bossId });
    expect(invited.ok).toBe(true);
    // No pictures: names only, and no agent ids handed to the shop's page.
    await expect.poll(() => heard.at(-1)?.conversation.agents).toEqual([{ name: 'Marta' }, { name: 'Boss' }]);

    expect((await agentCommand(marta, 'conversation:close', { conversationId: chat.conversationId })).ok).toBe(true);
    await expect.poll(() => heard.at(-1)?.conversation.status).toBe('closed');
    expect(heard.at(-1)?.conversation.agents).toEqual([]);
  });
});
