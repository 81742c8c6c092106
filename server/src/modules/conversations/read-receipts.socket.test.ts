import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentReadChanged, SessionEstablished, VisitorReadChanged } from '@mostrador/shared';
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

beforeEach(async () => {
  server = await startTestServer();
  await addAgent(server, { email: 'carla@shop.example', name: 'Carla Puig' });
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

/** Marta is online, so the visitor's first message is assigned to her: visitor seq 1 is the message, 2 Marta joining. */
async function chat() {
  const marta = await agent(server.agentEmail);
  const visitor = await connectVisitorSession(server);
  sockets.push(visitor.socket);
  const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: 'visitor-msg-1', body: 'Hola!' });
  if (!sent.ok) throw new Error(sent.error.message);
  return { marta, visitor: visitor.socket, token: visitor.token, visitorId: visitor.visitorId, conversationId: sent.data.conversation.id };
}

/** The stored marks, as the database has them. */
async function marksOf(visitorId: string) {
  const siteId = server.app.services.sites.byKey(server.siteKey)!.id;
  const [row] = await server.app.services.conversations.conversationsOf(siteId, [visitorId], 1);
  return { visitorReadSeq: row?.visitorReadSeq, agentReadSeq: row?.agentReadSeq };
}

describe('read receipts', () => {
  it('the agent’s mark reaches the visitor in the visitor’s seq, skipping notes, and comes back in the session after a reconnect', async () => {
    const { marta, visitor, token, conversationId } = await chat();
    // A note takes an agents' seq but none of the visitor's.
    await agentCommand(marta, 'note:add', { conversationId, clientId: 'note-0000001', body: 'VIP' });
    const reply = await agentCommand(marta, 'message:send', { conversationId, clientId: 'reply-000001', body: 'Bon dia' });
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.data.event.seq).toBe(4);

    const told = nextFact<VisitorSocket, AgentReadChanged>(visitor, 'read:marked');
    expect(await agentCommand(marta, 'read:mark', { conversationId, seq: 3 })).toEqual({ ok: true, data: null });
    // Agents' seq 3 is the note: the last entry the visitor has at or before it is its seq 2 (Marta joined).
    expect(await told).toEqual({ conversationId, agentReadSeq: 2 });

    // Backwards or beyond the log: never moves back, never past the end.
    expect((await agentCommand(marta, 'read:mark', { conversationId, seq: 1 })).ok).toBe(true);
    const further = nextFact<VisitorSocket, AgentReadChanged>(visitor, 'read:marked');
    expect((await agentCommand(marta, 'read:mark', { conversationId, seq: 999 })).ok).toBe(true);
    expect(await further).toEqual({ conversationId, agentReadSeq: 3 });

    visitor.disconnect();
    const again = await connectVisitorSession(server, token);
    sockets.push(again.socket);
    expect((again as unknown as SessionEstablished).conversation?.agentReadSeq).toBe(3);
    const page = await visitorCommand(again.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(page.ok && page.data.conversation.agentReadSeq).toBe(3);
  });

  it('the visitor’s mark reaches the agents in their seq and is in the summary they list after a reconnect', async () => {
    const { marta, visitor, conversationId } = await chat();
    await agentCommand(marta, 'note:add', { conversationId, clientId: 'note-0000001', body: 'VIP' });
    await agentCommand(marta, 'message:send', { conversationId, clientId: 'reply-000001', body: 'Bon dia' });

    const told = nextFact<AgentSocket, VisitorReadChanged>(marta, 'read:marked');
    // The visitor's seq 3 is Marta's reply, which is the agents' seq 4.
    expect(await visitorCommand(visitor, 'read:mark', { conversationId, seq: 3 })).toEqual({ ok: true, data: null });
    expect(await told).toEqual({ conversationId, visitorReadSeq: 4 });

    marta.disconnect();
    const back = await agent(server.agentEmail);
    const listed = await agentCommand(back, 'conversation:list', { view: 'mine' });
    expect(listed.ok && listed.data.conversations.find((c) => c.id === conversationId)?.visitorReadSeq).toBe(4);
  });

  it('a mark that does not move is told to nobody, and an agent outside the chat does not mark it read', async () => {
    const { marta, visitor, visitorId, conversationId } = await chat();
    await agentCommand(marta, 'message:send', { conversationId, clientId: 'reply-000001', body: 'Bon dia' });
    const carla = await agent('carla@shop.example');
    const heard: unknown[] = [];
    visitor.on('read:marked', (fact) => heard.push(fact));
    marta.on('read:marked', (fact) => heard.push(fact));

    // Carla is not in the chat; the queue is empty, so she cannot see it at all.
    expect(await agentCommand(carla, 'read:mark', { conversationId, seq: 3 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await visitorCommand(visitor, 'read:mark', { conversationId, seq: 0 })).ok).toBe(true);

    // The marker: Marta's own mark is the first (and only) fact the visitor hears.
    const marker = nextFact<VisitorSocket, AgentReadChanged>(visitor, 'read:marked');
    await agentCommand(marta, 'read:mark', { conversationId, seq: 3 });
    expect(await marker).toEqual({ conversationId, agentReadSeq: 3 });
    expect(heard).toEqual([{ conversationId, agentReadSeq: 3 }]);
    expect(await marksOf(visitorId)).toEqual({ visitorReadSeq: 0, agentReadSeq: 3 });
  });

  it('another visitor’s conversation answers not_found and its marks do not move', async () => {
    const { conversationId, visitorId } = await chat();
    const stranger = await connectVisitorSession(server);
    sockets.push(stranger.socket);
    expect(await visitorCommand(stranger.socket, 'read:mark', { conversationId, seq: 1 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await marksOf(visitorId)).toEqual({ visitorReadSeq: 0, agentReadSeq: 0 });
  });

  it('only the agents in the chat mark it read: an admin looking in does not, an invited guest does', async () => {
    const { marta, visitor, visitorId, conversationId } = await chat();
    await agentCommand(marta, 'message:send', { conversationId, clientId: 'reply-000002', body: 'Bon dia' });
    await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    const boss = await agent('boss@shop.example');
    const carla = await agent('carla@shop.example');
    const heard: AgentReadChanged[] = [];
    visitor.on('read:marked', (fact) => heard.push(fact as AgentReadChanged));

    // The admin reads everything of the site, but has not answered the shopper.
    expect(await agentCommand(boss, 'read:mark', { conversationId, seq: 3 })).toEqual({ ok: true, data: null });
    expect((await marksOf(visitorId)).agentReadSeq).toBe(0);

    const carlaId = server.app.services.agents
      .list(server.app.services.sites.byKey(server.siteKey)!.id)
      .find((a) => a.name === 'Carla Puig')!.id;
    expect((await agentCommand(marta, 'conversation:invite', { conversationId, agentId: carlaId })).ok).toBe(true);
    const told = nextFact<VisitorSocket, AgentReadChanged>(visitor, 'read:marked');
    expect(await agentCommand(carla, 'read:mark', { conversationId, seq: 3 })).toEqual({ ok: true, data: null });
    expect(await told).toEqual({ conversationId, agentReadSeq: 3 });
    expect(heard).toEqual([{ conversationId, agentReadSeq: 3 }]);
    expect((await marksOf(visitorId)).agentReadSeq).toBe(3);
  });
});
