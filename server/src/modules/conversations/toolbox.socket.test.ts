import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MentionCreated, VisitorEvent } from '@mostrador/shared';
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
let carlaId: string;

beforeEach(async () => {
  server = await startTestServer();
  carlaId = await addAgent(server, { email: 'carla@shop.example', name: 'Carla Puig' });
  await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
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

/** Marta is online, so the visitor's first message is assigned to her. */
async function chat() {
  const marta = await agent(server.agentEmail);
  const visitor = await connectVisitorSession(server);
  sockets.push(visitor.socket);
  const heard: VisitorEvent[] = [];
  visitor.socket.on('message:created', ({ event }) => heard.push(event));
  visitor.socket.on('conversation:changed', ({ event }) => heard.push(event));
  const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: 'visitor-msg-1', body: 'On és el meu paquet?' });
  if (!sent.ok) throw new Error(sent.error.message);
  return { marta, visitor: visitor.socket, heard, conversationId: sent.data.conversation.id };
}

describe('private notes', () => {
  it('never reach the visitor: the marker message after the note arrives, the note never does, and sync skips it', async () => {
    const { marta, visitor, heard, conversationId } = await chat();
    const note = await agentCommand(marta, 'note:add', { conversationId, clientId: 'note-0000001', body: 'Client VIP, tracking 123ABC' });
    expect(note.ok && note.data.event).toMatchObject({ type: 'note', body: 'Client VIP, tracking 123ABC', author: { name: 'Marta' } });

    const marker = nextFact<VisitorSocket, { event: VisitorEvent }>(visitor, 'message:created');
    const sent = await agentCommand(marta, 'message:send', { conversationId, clientId: 'marker-00001', body: 'marker' });
    expect(sent.ok).toBe(true);
    expect((await marker).event).toMatchObject({ type: 'message', body: 'marker' });
    expect(heard.some((e) => JSON.stringify(e).includes('123ABC'))).toBe(false);

    const page = await visitorCommand(visitor, 'conversation:sync', { conversationId, afterSeq: 0 });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.data.events.map((e) => e.type)).not.toContain('note');
    expect(JSON.stringify(page.data)).not.toContain('123ABC');
    // Gap-free for the visitor: the note took no number of theirs.
    expect(page.data.events.map((e) => e.seq)).toEqual(page.data.events.map((_, i) => i + 1));

    const agentPage = await agentCommand(marta, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(agentPage.ok && agentPage.data.events.filter((e) => e.type === 'note').map((e) => e.type === 'note' && e.body)).toEqual([
      'Client VIP, tracking 123ABC',
    ]);
  });

  it('tell a mentioned colleague who is not in the conversation', async () => {
    const { marta, conversationId } = await chat();
    const carla = await agent('carla@shop.example');
    const mention = nextFact<AgentSocket, MentionCreated>(carla, 'mention:created');
    const note = await agentCommand(marta, 'note:add', {
      conversationId,
      clientId: 'note-0000002',
      body: '@Carla Puig can you check the refund?',
      mentions: [carlaId],
    });
    expect(note.ok).toBe(true);
    expect(await mention).toMatchObject({
      conversationId,
      by: { name: 'Marta' },
      note: { type: 'note', body: '@Carla Puig can you check the refund?', mentions: [{ id: carlaId, name: 'Carla Puig' }] },
    });
  });

  it('refuse a mention of another site’s agent like a missing one, storing nothing', async () => {
    const { marta, conversationId } = await chat();
    const other = await server.app.services.sites.create({ name: 'Other', allowedOrigins: [] });
    const stranger = await server.app.services.agents.create({
      siteId: other.id,
      email: 's@other.example',
      name: 'S',
      role: 'agent',
      password: 'long enough pass',
    });
    if (!stranger.ok) throw new Error('agent');
    const note = await agentCommand(marta, 'note:add', {
      conversationId,
      clientId: 'note-0000003',
      body: 'hi',
      mentions: [stranger.data.id],
    });
    expect(note).toEqual({ ok: false, error: { code: 'not_found', message: 'No such agent' } });
    const page = await agentCommand(marta, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(page.ok && page.data.events.some((e) => e.type === 'note')).toBe(false);
  });
});

describe('tags', () => {
  it('are added and removed by the agent in the chat, join the list, and follow an admin’s rename and merge', async () => {
    const { marta, conversationId } = await chat();
    const carla = await agent('carla@shop.example');
    const refused = await agentCommand(carla, 'conversation:tag', { conversationId, add: ['x'] });
    expect(refused.ok).toBe(false);

    const tagged = await agentCommand(marta, 'conversation:tag', { conversationId, add: ['Devolució', 'vip'] });
    expect(tagged.ok && tagged.data.conversation.tags).toEqual(['devolució', 'vip']);
    const untagged = await agentCommand(marta, 'conversation:tag', { conversationId, remove: ['vip'] });
    expect(untagged.ok && untagged.data.conversation.tags).toEqual(['devolució']);

    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'boss@shop.example', password: 'correct horse battery' },
    });
    const cookies = { mostrador_session: login.cookies.find((c) => c.name === 'mostrador_session')!.value };
    const list = async () =>
      (await server.app.inject({ method: 'GET', url: '/api/tags', cookies })).json().tags as Array<{ id: string; name: string }>;
    const byName = async (name: string) => (await list()).find((t) => t.name === name)!;
    expect((await list()).map((t) => t.name)).toEqual(['devolució', 'vip']);

    const heard = nextFact<AgentSocket, { conversation: { tags: string[] } }>(marta, 'conversation:retagged');
    const renamed = await server.app.inject({
      method: 'PATCH',
      url: `/api/admin/tags/${(await byName('devolució')).id}`,
      cookies,
      payload: { name: 'returns', colour: 'red' },
    });
    expect(renamed.json().tag).toMatchObject({ name: 'returns', colour: 'red' });
    expect((await heard).conversation.tags).toEqual(['returns']);

    await agentCommand(marta, 'conversation:tag', { conversationId, add: ['vip'] });
    const merged = await server.app.inject({
      method: 'POST',
      url: `/api/admin/tags/${(await byName('vip')).id}/merge`,
      cookies,
      payload: { into: (await byName('returns')).id },
    });
    expect(merged.statusCode).toBe(200);
    expect((await list()).map((t) => t.name)).toEqual(['returns']);
    const page = await agentCommand(marta, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(page.ok && page.data.conversation.tags).toEqual(['returns']);
  });
});
