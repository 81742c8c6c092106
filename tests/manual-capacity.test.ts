import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '@mostrador/shared';
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
} from '@mostrador/server/testing';

/** Capacity holds on the manual paths too: a take, and a transfer addressed to one agent. */
let server: TestServer;
let siteId: string;
const sockets: Array<VisitorSocket | AgentSocket> = [];

beforeEach(async () => {
  server = await startTestServer();
  siteId = server.app.services.sites.byKey(server.siteKey)!.id;
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

async function agent(email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(server, email);
  sockets.push(socket);
  return socket;
}

async function visitorMessage(clientId: string, department?: string) {
  const visitor = await connectVisitorSession(server);
  sockets.push(visitor.socket);
  const sent = await visitorCommand(visitor.socket, 'message:send', { clientId, body: clientId, department });
  if (!sent.ok) throw new Error(sent.error.message);
  return { ...visitor, conversationId: sent.data.conversation.id };
}

async function events(socket: AgentSocket, conversationId: string): Promise<ConversationEvent[]> {
  const page = await agentCommand(socket, 'conversation:sync', { conversationId, afterSeq: 0 });
  if (!page.ok) throw new Error(page.error.message);
  return page.data.events;
}

const loads = async () => Object.fromEntries(await server.app.services.conversations.loads(siteId));

describe('capacity on the manual paths', () => {
  it('refuses a take that would put an agent over capacity, and leaves the conversation in the queue', async () => {
    const returns = await server.app.services.departments.create(siteId, { slug: 'returns', name: 'Returns', routing: 'manual' });
    if (!returns.ok) throw new Error('department');
    const ritaId = await addAgent(server, { email: 'rita@shop.example', name: 'Rita', capacity: 1, departmentIds: [returns.data.id] });
    const rita = await agent('rita@shop.example');
    const first = await visitorMessage('take-first-1', 'returns');
    const second = await visitorMessage('take-second', 'returns');
    expect((await agentCommand(rita, 'conversation:take', { conversationId: first.conversationId })).ok).toBe(true);
    expect(await loads()).toEqual({ [ritaId]: 1 });

    const refused = await agentCommand(rita, 'conversation:take', { conversationId: second.conversationId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: 'You are at capacity' } });
    expect(await loads()).toEqual({ [ritaId]: 1 });
    expect((await events(rita, second.conversationId)).map((e) => e.type)).toEqual(['message']);
    const queue = await agentCommand(rita, 'conversation:list', { view: 'queue' });
    expect(queue.ok && queue.data.conversations.map((c) => [c.id, c.assignee])).toEqual([[second.conversationId, null]]);

    // With room again (the first chat closed), the same take succeeds.
    await agentCommand(rita, 'conversation:close', { conversationId: first.conversationId });
    const taken = await agentCommand(rita, 'conversation:take', { conversationId: second.conversationId });
    expect(taken).toMatchObject({ ok: true, data: { conversation: { assignee: { name: 'Rita' } } } });
  });

  it('refuses a transfer to an agent at capacity; the chat, its events and everyone’s load stay as they were', async () => {
    const annaId = await addAgent(server, { email: 'anna@shop.example', name: 'Anna', capacity: 1 });
    const anna = await agent('anna@shop.example');
    const mine = await visitorMessage('anna-chat-1');
    const bernatId = await addAgent(server, { email: 'bernat@shop.example', name: 'Bernat', capacity: 1 });
    const bernat = await agent('bernat@shop.example');
    const his = await visitorMessage('bernat-chat');
    expect(await loads()).toEqual({ [annaId]: 1, [bernatId]: 1 });
    const before = await events(anna, mine.conversationId);
    const bernatHeard: string[] = [];
    bernat.on('conversation:changed', ({ event }) => bernatHeard.push(`${event.conversationId}:${event.type}`));
    bernat.on('message:created', ({ event }) => bernatHeard.push(`${event.conversationId}:${event.type}`));

    const refused = await agentCommand(anna, 'conversation:transfer', {
      conversationId: mine.conversationId,
      to: { kind: 'agent', agentId: bernatId },
      note: 'no room for this',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: 'That agent is at capacity' } });
    expect(await loads()).toEqual({ [annaId]: 1, [bernatId]: 1 });
    expect(await events(anna, mine.conversationId)).toEqual(before);
    expect(await agentCommand(bernat, 'conversation:sync', { conversationId: mine.conversationId, afterSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    // A marker in Bernat's own chat is the first thing he hears.
    const markerHeard = nextFact(bernat, 'message:created');
    await visitorCommand(his.socket, 'message:send', { clientId: 'bernat-mark', body: 'marker' });
    await markerHeard;
    expect(bernatHeard).toEqual([`${his.conversationId}:message`]);
  });
});
