import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationEvent } from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  json,
  nextFact,
  sqlOn,
  type AgentSocket,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { shopperWrote } from '../../testing/conversation-helpers.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';
import { QueueBoard } from './queue-board.ts';

/**
 * Routing's own passes, which no command answers for: the queue pass folded
 * when asked for again while it runs, a closed chat's length teaching the
 * wait estimate, and a guest who goes offline leaving the chats it was
 * invited to.
 */
// A short grace, for the agent who goes offline.
const scope = serverPerTest({ offlineGraceMs: 200 });
const { sockets } = scope;
afterEach(() => vi.restoreAllMocks());

const siteId = () => scope.server.app.services.sites.byKey(scope.server.siteKey)!.id;
const agentIdOf = (name: string) => scope.server.app.services.agents.list(siteId()).find((a) => a.name === name)!.id;

async function agent(email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  return socket;
}

const visitorChat = (body = 'hola') => shopperWrote(scope.server, sockets, { body });

function row(conversationId: string) {
  return sqlOn(scope.server.app.engine).one<{ firstResponseAt: number | null; closedAt: number | null; assigneeId: string | null }>(
    'SELECT first_response_at AS "firstResponseAt", closed_at AS "closedAt", assignee_id AS "assigneeId" FROM conversations WHERE id = ?',
    conversationId,
  );
}

describe('the queue pass', () => {
  it('folds the passes asked for while one runs into one more: three asks cost two passes, and all wait for the last', async () => {
    // A pass is one committed step: a group commit on SQLite, a transaction of its own on PostgreSQL.
    const { engine, groupCommit } = scope.server.app;
    const commits = engine.kind === 'sqlite' ? vi.spyOn(groupCommit!, 'run') : vi.spyOn(engine.db, 'transaction');
    const { routing } = scope.server.app.services;
    const first = routing.drain(siteId());
    const second = routing.drain(siteId());
    const third = routing.drain(siteId());
    expect(second).toBe(first);
    expect(third).toBe(first);
    await first;
    expect(commits).toHaveBeenCalledTimes(2);
    // Once done, the next ask is a pass of its own.
    await routing.drain(siteId());
    expect(commits).toHaveBeenCalledTimes(3);
  });
});

describe('the end of a chat', () => {
  it('teaches the wait estimate the chat’s length from its first answer to its close, and nothing from a chat closed unanswered', async () => {
    const learned = vi.spyOn(QueueBoard.prototype, 'recordChatSeconds');
    const marta = await agent(scope.server.agentEmail);
    const answered = await visitorChat('On és la comanda 1042?');
    const reply = await agentCommand(marta, 'message:send', {
      conversationId: answered.conversationId,
      clientId: 'a-reply-0001',
      body: 'Ja surt',
    });
    expect(reply.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect((await agentCommand(marta, 'conversation:close', { conversationId: answered.conversationId })).ok).toBe(true);
    const { firstResponseAt, closedAt } = await row(answered.conversationId);
    expect(firstResponseAt).not.toBeNull();
    expect(closedAt! - firstResponseAt!).toBeGreaterThan(0);
    await expect.poll(() => learned.mock.calls.length).toBe(1);
    expect(learned).toHaveBeenCalledWith((closedAt! - firstResponseAt!) / 1000);

    const unanswered = await visitorChat('Hola?');
    expect((await agentCommand(marta, 'conversation:close', { conversationId: unanswered.conversationId })).ok).toBe(true);
    expect((await row(unanswered.conversationId)).firstResponseAt).toBeNull();
    // A later chat's close proves the unanswered one's came and went without a lesson.
    const later = await visitorChat('I la 1043?');
    await agentCommand(marta, 'message:send', { conversationId: later.conversationId, clientId: 'a-reply-0002', body: 'També' });
    expect((await agentCommand(marta, 'conversation:close', { conversationId: later.conversationId })).ok).toBe(true);
    await expect.poll(() => learned.mock.calls.length).toBe(2);
    const { firstResponseAt: laterAnswer, closedAt: laterClose } = await row(later.conversationId);
    expect(learned.mock.calls[1]).toEqual([(laterClose! - laterAnswer!) / 1000]);
  });

  it('gives a closed chat’s place to the next in line: its agent has room again', async () => {
    await addAgent(scope.server, { email: 'solo@shop.example', name: 'Solo', capacity: 1 });
    const solo = await agent('solo@shop.example');
    const first = await visitorChat();
    const waiting = await visitorChat();
    expect((await row(first.conversationId)).assigneeId).toBe(agentIdOf('Solo'));
    expect((await row(waiting.conversationId)).assigneeId).toBeNull();
    const joined = nextFact<VisitorSocket, { event: ConversationEvent }>(waiting.socket, 'conversation:changed');
    expect((await agentCommand(solo, 'conversation:close', { conversationId: first.conversationId })).ok).toBe(true);
    expect((await joined).event).toMatchObject({ type: 'joined', agent: { name: 'Solo' } });
    expect((await row(waiting.conversationId)).assigneeId).toBe(agentIdOf('Solo'));
  });
});

describe('a guest who goes offline', () => {
  it('leaves the chats it was invited to after the grace period, and the chat stays with its agent', async () => {
    await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna', capacity: 5 });
    await addAgent(scope.server, { email: 'bernat@shop.example', name: 'Bernat', capacity: 1 });
    const anna = await agent('anna@shop.example');
    const { conversationId } = await visitorChat();
    expect((await row(conversationId)).assigneeId).toBe(agentIdOf('Anna'));
    const bernat = await agent('bernat@shop.example');
    expect((await agentCommand(anna, 'conversation:invite', { conversationId, agentId: agentIdOf('Bernat') })).ok).toBe(true);
    const before = await agentCommand(anna, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(before.ok && before.data.conversation.guests.map((g) => g.name)).toEqual(['Bernat']);

    const annaHears = nextFact<AgentSocket, { event: ConversationEvent }>(anna, 'conversation:changed', 5_000);
    bernat.disconnect();
    expect((await annaHears).event).toMatchObject({ type: 'left', agent: { name: 'Bernat' }, reason: 'offline' });
    expect((await row(conversationId)).assigneeId).toBe(agentIdOf('Anna'));
    const page = await agentCommand(anna, 'conversation:sync', { conversationId, afterSeq: 0 });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.data.events.map((e) => e.type)).toEqual(['message', 'joined', 'joined', 'left']);
    expect(page.data.conversation.guests).toEqual([]);
  });
});

describe('a restart', () => {
  it('expects back the agents who had chats: one who never returns loses them to the queue after the grace period', async () => {
    await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna', capacity: 5 });
    const anna = await agent('anna@shop.example');
    const { conversationId } = await visitorChat();
    expect((await row(conversationId)).assigneeId).toBe(agentIdOf('Anna'));
    // Anna's console will not come back on its own.
    anna.io.reconnection(false);
    await scope.server.stop();
    await scope.server.restart();
    await expect.poll(async () => (await row(conversationId)).assigneeId, { timeout: 5_000 }).toBeNull();
    const last = await sqlOn(scope.server.app.engine).one<{ type: string; data: unknown }>(
      "SELECT type, data FROM conversation_events WHERE conversation_id = ? AND type = 'left'",
      conversationId,
    );
    expect(json(last.data)).toMatchObject({ agent: { name: 'Anna' }, reason: 'offline' });
  });
});
