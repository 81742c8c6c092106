import { describe, expect, it } from 'vitest';
import type { TypingChanged } from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  nextFact,
  visitorCommand,
  type AgentSocket,
} from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * Which consoles hear a conversation live: those in it (its agent and its
 * guests), the department whose queue it waits in, and the admins; nobody
 * else, not even of the same site. A leak here shows a shopper's words, or a
 * draft they never sent, to a colleague who may not read the chat.
 */
const scope = serverPerTest();
const { sockets } = scope;

const siteId = () => scope.server.app.services.sites.byKey(scope.server.siteKey)!.id;

/** A console with every fact it hears, in order. */
async function desk(email: string): Promise<{ socket: AgentSocket; heard: Array<[string, unknown]> }> {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  const heard: Array<[string, unknown]> = [];
  socket.onAny((name: string, payload: unknown) => heard.push([name, payload]));
  return { socket, heard };
}

/**
 * Waits until everything sent to this console before now has arrived: its
 * own presence, set again, comes back as a fact after any earlier one.
 */
async function settled(agent: { socket: AgentSocket }): Promise<void> {
  const marker = nextFact(agent.socket, 'presence:changed');
  expect((await agentCommand(agent.socket, 'presence:set', { status: 'online' })).ok).toBe(true);
  await marker;
}

/** What a console heard about one conversation, by fact name. */
const about = (heard: Array<[string, unknown]>, conversationId: string) =>
  heard.filter(([, payload]) => JSON.stringify(payload).includes(conversationId)).map(([name]) => name);

const typings = (heard: Array<[string, unknown]>) =>
  heard
    .filter(([name]) => name === 'typing:changed')
    .map(([, fact]) => {
      const { typing, draft } = fact as TypingChanged;
      return { typing, draft };
    });

async function manualDepartment(slug: string, name: string): Promise<string> {
  const created = await scope.server.app.services.departments.create(siteId(), { slug, name, routing: 'manual' });
  if (!created.ok) throw new Error(created.error.message);
  return created.data.id;
}

describe('a chat waiting in a department’s queue', () => {
  it('is heard by that department and the admins, never by a colleague of another department; nobody waiting gets the draft', async () => {
    const returns = await manualDepartment('returns', 'Returns');
    const orders = await manualDepartment('orders', 'Orders');
    await addAgent(scope.server, { email: 'rita@shop.example', name: 'Rita', departmentIds: [returns] });
    await addAgent(scope.server, { email: 'oscar@shop.example', name: 'Oscar', departmentIds: [orders] });
    await addAgent(scope.server, { email: 'admin@shop.example', name: 'Admin', role: 'admin' });
    const rita = await desk('rita@shop.example');
    const oscar = await desk('oscar@shop.example');
    const admin = await desk('admin@shop.example');

    const shopper = await connectVisitorSession(scope.server);
    sockets.push(shopper.socket);
    const sent = await visitorCommand(shopper.socket, 'message:send', {
      clientId: 'dept-msg-01',
      body: 'Vull tornar-les',
      department: 'returns',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    expect(sent.data.conversation.agents).toEqual([]);
    // Nobody is in the chat yet: the draft goes to no one, "typing" to those who see the queue.
    expect((await visitorCommand(shopper.socket, 'typing:set', { typing: true, draft: 'la talla 38' })).ok).toBe(true);

    for (const agent of [rita, admin, oscar]) await settled(agent);
    const seen = ['conversation:created', 'message:created', 'typing:changed'];
    expect(about(rita.heard, conversationId)).toEqual(seen);
    expect(about(admin.heard, conversationId)).toEqual(seen);
    expect(typings(rita.heard)).toEqual([{ typing: true, draft: null }]);
    expect(typings(admin.heard)).toEqual([{ typing: true, draft: null }]);
    expect(about(oscar.heard, conversationId)).toEqual([]);
  });
});

describe('a chat waiting in the site’s queue', () => {
  it('is heard by every agent of the site, away ones included, since any of them may take it', async () => {
    await addAgent(scope.server, { email: 'carla@shop.example', name: 'Carla' });
    const marta = await desk(scope.server.agentEmail);
    const carla = await desk('carla@shop.example');
    for (const agent of [marta, carla]) expect((await agentCommand(agent.socket, 'presence:set', { status: 'away' })).ok).toBe(true);

    const shopper = await connectVisitorSession(scope.server);
    sockets.push(shopper.socket);
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: 'site-queue-1', body: 'Hi ha algú?' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.conversation.queue?.position).toBe(1);

    // Each sets away again: its own presence coming back is the marker, and leaves nobody free to be given the chat.
    for (const [agent, name] of [
      [marta, 'Marta'],
      [carla, 'Carla'],
    ] as const) {
      const own = () => agent.heard.filter(([fact, p]) => fact === 'presence:changed' && JSON.stringify(p).includes(name)).length;
      const before = own();
      expect((await agentCommand(agent.socket, 'presence:set', { status: 'away' })).ok).toBe(true);
      await expect.poll(own).toBe(before + 1);
      expect(about(agent.heard, sent.data.conversation.id)).toEqual(['conversation:created', 'message:created']);
    }
  });
});

describe('a chat with its agent', () => {
  it('is heard by its agent, its guest and the admins; only the agent and the guest get the draft, once; a colleague hears nothing', async () => {
    const marta = await desk(scope.server.agentEmail);
    const shopper = await connectVisitorSession(scope.server);
    sockets.push(shopper.socket);
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: 'chat-msg-01', body: 'Hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    expect(sent.data.conversation.agents).toEqual([{ name: 'Marta' }]);

    // Those who arrive later find the chat taken.
    const bernatId = await addAgent(scope.server, { email: 'bernat@shop.example', name: 'Bernat' });
    await addAgent(scope.server, { email: 'carla@shop.example', name: 'Carla' });
    await addAgent(scope.server, { email: 'admin@shop.example', name: 'Admin', role: 'admin' });
    const bernat = await desk('bernat@shop.example');
    const carla = await desk('carla@shop.example');
    const admin = await desk('admin@shop.example');
    expect((await agentCommand(marta.socket, 'conversation:invite', { conversationId, agentId: bernatId })).ok).toBe(true);
    // Start listening once the invitation has reached everyone.
    for (const agent of [marta, bernat, admin]) {
      await settled(agent);
      agent.heard.splice(0);
    }

    const again = await visitorCommand(shopper.socket, 'message:send', { clientId: 'chat-msg-02', body: 'Teniu la 38?' });
    expect(again.ok).toBe(true);
    expect((await visitorCommand(shopper.socket, 'typing:set', { typing: true, draft: 'i la 39' })).ok).toBe(true);
    expect((await visitorCommand(shopper.socket, 'typing:set', { typing: false })).ok).toBe(true);
    // A note that mentions nobody: no one is told of a mention.
    expect((await agentCommand(marta.socket, 'note:add', { conversationId, clientId: 'note-no-mention', body: 'Client VIP' })).ok).toBe(
      true,
    );
    // Marta ends it: it was hers, not the queue's, so her colleague hears nothing of that either.
    expect((await agentCommand(marta.socket, 'conversation:close', { conversationId })).ok).toBe(true);

    for (const agent of [marta, bernat, admin, carla]) await settled(agent);
    const inChat = [
      { typing: true, draft: 'i la 39' },
      { typing: false, draft: null },
    ];
    expect(typings(marta.heard)).toEqual(inChat);
    expect(typings(bernat.heard)).toEqual(inChat);
    expect(typings(admin.heard)).toEqual([
      { typing: true, draft: null },
      { typing: false, draft: null },
    ]);
    // Marta's note came back to her in its ack, not as a fact; the close as both.
    expect(about(marta.heard, conversationId)).toEqual(['message:created', 'typing:changed', 'typing:changed', 'conversation:changed']);
    const everything = ['message:created', 'typing:changed', 'typing:changed', 'conversation:changed', 'conversation:changed'];
    expect(about(bernat.heard, conversationId)).toEqual(everything);
    expect(about(admin.heard, conversationId)).toEqual(everything);
    expect(about(carla.heard, conversationId)).toEqual([]);
    expect(carla.heard.map(([name]) => name)).not.toContain('mention:created');
  });
});

describe('a chat leaving the queue', () => {
  it('is seen to go by the department that saw it wait, whether taken or closed, and is not heard of after', async () => {
    const returns = await manualDepartment('returns', 'Returns');
    const orders = await manualDepartment('orders', 'Orders');
    await addAgent(scope.server, { email: 'rita@shop.example', name: 'Rita', departmentIds: [returns] });
    await addAgent(scope.server, { email: 'roc@shop.example', name: 'Roc', departmentIds: [returns] });
    await addAgent(scope.server, { email: 'oscar@shop.example', name: 'Oscar', departmentIds: [orders] });
    const rita = await desk('rita@shop.example');
    const roc = await desk('roc@shop.example');
    const oscar = await desk('oscar@shop.example');
    const write = async (clientId: string) => {
      const shopper = await connectVisitorSession(scope.server);
      sockets.push(shopper.socket);
      const sent = await visitorCommand(shopper.socket, 'message:send', { clientId, body: 'Vull tornar-les', department: 'returns' });
      if (!sent.ok) throw new Error(sent.error.message);
      return { socket: shopper.socket, conversationId: sent.data.conversation.id };
    };
    const taken = await write('leave-msg-01');
    const closed = await write('leave-msg-02');

    // Rita takes one; the shopper writes again there; the other shopper gives up waiting.
    expect((await agentCommand(rita.socket, 'conversation:take', { conversationId: taken.conversationId })).ok).toBe(true);
    expect((await visitorCommand(taken.socket, 'message:send', { clientId: 'leave-msg-03', body: 'Gràcies' })).ok).toBe(true);
    expect((await visitorCommand(closed.socket, 'conversation:close', { conversationId: closed.conversationId })).ok).toBe(true);
    // Closed, it no longer waits there: its rating is the admins' news, not the queue's.
    expect((await visitorCommand(closed.socket, 'rating:submit', { conversationId: closed.conversationId, score: 2 })).ok).toBe(true);

    for (const agent of [roc, oscar]) await settled(agent);
    // Roc's queue loses both; he hears nothing of Rita's chat after she took it.
    expect(about(roc.heard, taken.conversationId)).toEqual(['conversation:created', 'message:created', 'conversation:changed']);
    expect(about(roc.heard, closed.conversationId)).toEqual(['conversation:created', 'message:created', 'conversation:changed']);
    const gone = roc.heard.filter(([name]) => name === 'conversation:changed').map(([, fact]) => fact);
    expect(gone).toMatchObject([
      { event: { type: 'joined', agent: { name: 'Rita' } }, conversation: { id: taken.conversationId, assignee: { name: 'Rita' } } },
      { event: { type: 'status', status: 'closed' }, conversation: { id: closed.conversationId, status: 'closed' } },
    ]);
    expect(about(oscar.heard, taken.conversationId)).toEqual([]);
    expect(about(oscar.heard, closed.conversationId)).toEqual([]);
  });

  it('is seen to go when a pass of the queue gives it to a colleague who has room again', async () => {
    const orders = await scope.server.app.services.departments.create(siteId(), { slug: 'orders', name: 'Orders', routing: 'auto' });
    if (!orders.ok) throw new Error(orders.error.message);
    const olgaId = await addAgent(scope.server, { email: 'olga@shop.example', name: 'Olga', departmentIds: [orders.data.id], capacity: 1 });
    await addAgent(scope.server, { email: 'pau@shop.example', name: 'Pau', departmentIds: [orders.data.id] });
    const olga = await desk('olga@shop.example');
    const write = async (clientId: string) => {
      const shopper = await connectVisitorSession(scope.server);
      sockets.push(shopper.socket);
      const sent = await visitorCommand(shopper.socket, 'message:send', { clientId, body: 'La comanda?', department: 'orders' });
      if (!sent.ok) throw new Error(sent.error.message);
      return sent.data.conversation.id;
    };
    const first = await write('pass-msg-01');
    // Olga is full: the second waits in Orders' queue, where Pau (away) sees it.
    const pau = await desk('pau@shop.example');
    expect((await agentCommand(pau.socket, 'presence:set', { status: 'away' })).ok).toBe(true);
    const waiting = await write('pass-msg-02');
    expect((await scope.server.app.services.conversations.loads(siteId())).get(olgaId)).toBe(1);

    expect((await agentCommand(olga.socket, 'conversation:close', { conversationId: first })).ok).toBe(true);
    await expect
      .poll(() => pau.heard.filter(([name]) => name === 'conversation:changed').map(([, fact]) => fact))
      .toMatchObject([{ event: { type: 'joined', agent: { name: 'Olga' } }, conversation: { id: waiting, assignee: { name: 'Olga' } } }]);
  });
});
