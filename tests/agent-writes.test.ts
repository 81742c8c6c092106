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

/**
 * Who may write into a conversation, and when; and that an agent's resend is
 * stored once. "Nothing was broadcast" is proven with a marker: a later
 * message that must be the first (and only) one heard.
 */
let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

async function agent(email = server.agentEmail): Promise<AgentSocket> {
  const socket = await connectAgentAs(server, email);
  sockets.push(socket);
  return socket;
}

/** A visitor who wrote once, and a second tab of it that records every message it hears. */
async function visitorWithWatcher(body = 'hola', department?: string) {
  const tab = await connectVisitorSession(server);
  sockets.push(tab.socket);
  const sent = await visitorCommand(tab.socket, 'message:send', { clientId: `first-${tab.visitorId}`, body, department });
  if (!sent.ok) throw new Error(sent.error.message);
  const watcher = await connectVisitorSession(server, tab.token);
  sockets.push(watcher.socket);
  const heard: ConversationEvent[] = [];
  watcher.socket.on('message:created', ({ event }) => heard.push(event));
  watcher.socket.on('conversation:changed', ({ event }) => heard.push(event));
  return { socket: tab.socket, conversationId: sent.data.conversation.id, heard, watcher: watcher.socket };
}

async function events(socket: AgentSocket, conversationId: string): Promise<ConversationEvent[]> {
  const page = await agentCommand(socket, 'conversation:sync', { conversationId, afterSeq: 0 });
  if (!page.ok) throw new Error(page.error.message);
  return page.data.events;
}

/** The visitor's first tab writes a marker; resolves once the watcher tab heard it. */
async function marker(visitor: { socket: VisitorSocket; watcher: VisitorSocket }, body: string) {
  const heard = nextFact<VisitorSocket, { event: ConversationEvent }>(visitor.watcher, 'message:created');
  const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: `marker-${body}`, body });
  if (!sent.ok) throw new Error(sent.error.message);
  expect((await heard).event).toMatchObject({ body });
}

describe('an agent’s resend', () => {
  it('is stored once, whether it races the first send or comes after the ack, and answers with the original', async () => {
    const marta = await agent();
    const visitor = await visitorWithWatcher();
    const payload = { conversationId: visitor.conversationId, clientId: 'agent-resend-1', body: 'Una sola vegada' };

    const [a, b] = await Promise.all([agentCommand(marta, 'message:send', payload), agentCommand(marta, 'message:send', payload)]);
    const c = await agentCommand(marta, 'message:send', payload);
    if (!a.ok || !b.ok || !c.ok) throw new Error('send failed');
    expect(b.data.event).toEqual(a.data.event);
    expect(c.data.event).toEqual(a.data.event);

    const messages = (await events(marta, visitor.conversationId)).filter((e) => e.type === 'message');
    expect(messages.map((m) => m.body)).toEqual(['hola', 'Una sola vegada']);
    await marker(visitor, 'after-resend');
    expect(visitor.heard.filter((e) => e.type === 'message').map((e) => e.type === 'message' && e.body)).toEqual([
      'Una sola vegada',
      'after-resend',
    ]);
  });
});

describe('who may write', () => {
  it('refuses an agent who only reads the queue until it takes the conversation', async () => {
    const site = server.app.services.sites.byKey(server.siteKey)!;
    const returns = await server.app.services.departments.create(site.id, { slug: 'returns', name: 'Returns', routing: 'manual' });
    if (!returns.ok) throw new Error('department');
    await addAgent(server, { email: 'rita@shop.example', name: 'Rita', departmentIds: [returns.data.id] });
    const rita = await agent('rita@shop.example');
    const visitor = await visitorWithWatcher('vull tornar-ho', 'returns');
    expect((await events(rita, visitor.conversationId)).map((e) => e.type)).toEqual(['message']);

    const refused = await agentCommand(rita, 'message:send', { conversationId: visitor.conversationId, clientId: 'rita-early', body: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const typing = await agentCommand(rita, 'typing:set', { conversationId: visitor.conversationId, typing: true });
    expect(typing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const close = await agentCommand(rita, 'conversation:close', { conversationId: visitor.conversationId });
    expect(close).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await events(rita, visitor.conversationId)).map((e) => e.type)).toEqual(['message']);
    await marker(visitor, 'still-waiting');
    expect(visitor.heard).toMatchObject([{ type: 'message', body: 'still-waiting' }]);

    // Taking it is what gives her the pen; the refused client id is free to use.
    expect((await agentCommand(rita, 'conversation:take', { conversationId: visitor.conversationId })).ok).toBe(true);
    const after = await agentCommand(rita, 'message:send', {
      conversationId: visitor.conversationId,
      clientId: 'rita-early',
      body: 'Ara sí',
    });
    expect(after).toMatchObject({ ok: true, data: { event: { body: 'Ara sí' } } });
  });

  it('refuses any write into a closed conversation, storing and telling nothing', async () => {
    const marta = await agent();
    const visitor = await visitorWithWatcher();
    expect((await agentCommand(marta, 'conversation:close', { conversationId: visitor.conversationId })).ok).toBe(true);
    const before = await events(marta, visitor.conversationId);
    expect(before.at(-1)).toMatchObject({ type: 'status', status: 'closed' });
    visitor.heard.length = 0;

    const write = await agentCommand(marta, 'message:send', { conversationId: visitor.conversationId, clientId: 'too-late-1', body: 'x' });
    expect(write).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const again = await agentCommand(marta, 'conversation:close', { conversationId: visitor.conversationId });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const byVisitor = await visitorCommand(visitor.socket, 'conversation:close', { conversationId: visitor.conversationId });
    expect(byVisitor).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await events(marta, visitor.conversationId)).toEqual(before);

    // The visitor's next message opens a new conversation: nothing more came from the closed one.
    await marker(visitor, 'new-chat');
    expect(visitor.heard.filter((e) => e.conversationId === visitor.conversationId)).toEqual([]);
    expect(visitor.heard.filter((e) => e.type === 'message')).toMatchObject([{ body: 'new-chat', seq: 1 }]);
  });

  it('lets a visitor close its own conversation, and tells the agent', async () => {
    const marta = await agent();
    const visitor = await visitorWithWatcher();
    const agentHears = nextFact<AgentSocket, { event: ConversationEvent; conversation: { status: string } }>(marta, 'conversation:changed');
    const closed = await visitorCommand(visitor.socket, 'conversation:close', { conversationId: visitor.conversationId });
    expect(closed).toMatchObject({
      ok: true,
      data: { event: { type: 'status', status: 'closed' }, conversation: { id: visitor.conversationId, status: 'closed' } },
    });
    expect(await agentHears).toMatchObject({ event: { type: 'status', status: 'closed' }, conversation: { status: 'closed' } });
    expect((await events(marta, visitor.conversationId)).at(-1)).toMatchObject({
      type: 'status',
      status: 'closed',
      author: { kind: 'visitor' },
    });
    // The agent's chat is over: she has room again.
    const site = server.app.services.sites.byKey(server.siteKey)!;
    expect([...(await server.app.services.conversations.loads(site.id)).values()].reduce((a, b) => a + b, 0)).toBe(0);
  });
});
