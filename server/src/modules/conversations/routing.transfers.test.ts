import { describe, expect, it } from 'vitest';
import { addAgent, agentCommand, connectAgentAs, sqlOn, type AgentSocket } from '../../testing/harness.ts';
import { agentLog, shopperWrote } from '../../testing/conversation-helpers.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * Who may hand a chat on, and what the hand-over writes: an admin may move
 * a colleague's chat (an agent only their own), a chat moved to a department
 * with someone free is theirs by the time the ack comes back, a hand-over
 * with no note writes none, and a chat still waiting has nobody to leave it.
 * An agent of another department cannot see the chat, so for them it does
 * not exist.
 */
let salesId = '';
let ordersId = '';
const scope = serverPerTest({}, async (server) => {
  const siteId = server.app.services.sites.byKey(server.siteKey)!.id;
  const sales = await server.app.services.departments.create(siteId, { slug: 'sales', name: 'Sales', routing: 'auto' });
  const orders = await server.app.services.departments.create(siteId, { slug: 'orders', name: 'Orders', routing: 'auto' });
  if (!sales.ok || !orders.ok) throw new Error('departments');
  salesId = sales.data.id;
  ordersId = orders.data.id;
});
const { sockets } = scope;

async function agent(email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  return socket;
}

const log = agentLog;

const assigneeOf = async (conversationId: string) =>
  sqlOn(scope.server.app.engine).value<string | null>('SELECT assignee_id FROM conversations WHERE id = ?', conversationId);

describe('a transfer by an admin', () => {
  it('moves a colleague’s chat to a department, whose free agent has it by the ack; with no note, no note is written', async () => {
    const annaId = await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna', departmentIds: [salesId] });
    const carlaId = await addAgent(scope.server, { email: 'carla@shop.example', name: 'Carla', departmentIds: [ordersId] });
    await addAgent(scope.server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    await agent('anna@shop.example');
    await agent('carla@shop.example');
    const boss = await agent('boss@shop.example');
    const chat = await shopperWrote(scope.server, sockets, { department: 'sales' });
    expect(await assigneeOf(chat.conversationId)).toBe(annaId);

    const moved = await agentCommand(boss, 'conversation:transfer', {
      conversationId: chat.conversationId,
      to: { kind: 'department', departmentId: ordersId },
    });
    if (!moved.ok) throw new Error(moved.error.message);
    // The queue pass that runs after a transfer gave it to Carla, and the ack says so.
    expect(moved.data.conversation).toMatchObject({ assignee: { id: carlaId, name: 'Carla' }, department: { id: ordersId } });
    expect((await log(boss, chat.conversationId)).map((e) => e.type)).toEqual(['message', 'joined', 'left', 'queued', 'joined']);
  });

  it('hands a chat still waiting to a colleague: nobody leaves it, since nobody had it', async () => {
    await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna', departmentIds: [salesId] });
    const carlaId = await addAgent(scope.server, { email: 'carla@shop.example', name: 'Carla', departmentIds: [ordersId] });
    await addAgent(scope.server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    await agent('carla@shop.example');
    const boss = await agent('boss@shop.example');
    // Anna, the only agent of Sales, is offline: the chat waits.
    const chat = await shopperWrote(scope.server, sockets, { department: 'sales' });
    expect(await assigneeOf(chat.conversationId)).toBeNull();

    const moved = await agentCommand(boss, 'conversation:transfer', {
      conversationId: chat.conversationId,
      to: { kind: 'agent', agentId: carlaId },
    });
    if (!moved.ok) throw new Error(moved.error.message);
    expect(moved.data.conversation.assignee?.id).toBe(carlaId);
    const types = (await log(boss, chat.conversationId)).map((e) => e.type);
    expect(types.at(-1)).toBe('joined');
    expect(types).not.toContain('left');
  });
});

describe('an agent of another department', () => {
  it('cannot take or transfer a chat they cannot see: not found, as for an id that does not exist, and the chat is unchanged', async () => {
    const annaId = await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna', departmentIds: [salesId], capacity: 1 });
    await addAgent(scope.server, { email: 'carla@shop.example', name: 'Carla', departmentIds: [ordersId] });
    const anna = await agent('anna@shop.example');
    const carla = await agent('carla@shop.example');
    const hers = await shopperWrote(scope.server, sockets, { department: 'sales' });
    const waiting = await shopperWrote(scope.server, sockets, { department: 'sales' });
    expect([await assigneeOf(hers.conversationId), await assigneeOf(waiting.conversationId)]).toEqual([annaId, null]);
    const before = (await log(anna, hers.conversationId)).length;

    const notFound = { ok: false, error: { code: 'not_found', message: 'No such conversation' } };
    const toOrders = { kind: 'department', departmentId: ordersId } as const;
    expect(await agentCommand(carla, 'conversation:transfer', { conversationId: hers.conversationId, to: toOrders })).toEqual(notFound);
    expect(await agentCommand(carla, 'conversation:transfer', { conversationId: 'cnv_NoSuchChat0000000000', to: toOrders })).toEqual(
      notFound,
    );
    expect(await agentCommand(carla, 'conversation:take', { conversationId: waiting.conversationId })).toEqual(notFound);
    expect(await agentCommand(carla, 'conversation:take', { conversationId: 'cnv_NoSuchChat0000000000' })).toEqual(notFound);

    expect([await assigneeOf(hers.conversationId), await assigneeOf(waiting.conversationId)]).toEqual([annaId, null]);
    expect(await log(anna, hers.conversationId)).toHaveLength(before);
  });

  it('cannot invite a colleague into a chat they can only read: it waits in their line, so they take it first', async () => {
    const annaId = await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna', departmentIds: [salesId], capacity: 1 });
    // Bernat, online but outside Sales, is never given its chats.
    const bernatId = await addAgent(scope.server, { email: 'bernat@shop.example', name: 'Bernat', departmentIds: [ordersId] });
    const anna = await agent('anna@shop.example');
    await agent('bernat@shop.example');
    const hers = await shopperWrote(scope.server, sockets, { department: 'sales' });
    const waiting = await shopperWrote(scope.server, sockets, { department: 'sales' });
    expect([await assigneeOf(hers.conversationId), await assigneeOf(waiting.conversationId)]).toEqual([annaId, null]);
    const before = await log(anna, waiting.conversationId);

    expect(await agentCommand(anna, 'conversation:invite', { conversationId: waiting.conversationId, agentId: bernatId })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Take the conversation first' },
    });
    expect(await log(anna, waiting.conversationId)).toEqual(before);
    expect(await assigneeOf(waiting.conversationId)).toBeNull();
  });
});
