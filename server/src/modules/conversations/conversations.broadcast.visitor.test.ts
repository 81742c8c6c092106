import { describe, expect, it } from 'vitest';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  nextFact,
  visitorCommand,
  type AgentSocket,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * What a shopper's widget hears live of its own conversation: every line it
 * may see, numbered in the shopper's own sequence (which skips the agents'
 * notes and states), and nothing else; not even an empty fact where a note
 * was. Its own message comes back in the ack only, but what that message set
 * off (an agent joining) does reach the sending tab too.
 */
const scope = serverPerTest();
const { sockets } = scope;

/** A widget tab with every conversation fact it hears, as `fact event-type seq`. */
async function tab(token?: string) {
  const session = await connectVisitorSession(scope.server, token);
  sockets.push(session.socket);
  const heard: string[] = [];
  session.socket.onAny((name: string, payload: { event?: { type: string; seq: number } | null }) => {
    if (name === 'message:created' || name === 'conversation:changed') heard.push(`${name} ${payload.event?.type} ${payload.event?.seq}`);
  });
  return { ...session, heard };
}

async function desk(email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  return socket;
}

/** Waits until everything sent to these tabs before now has arrived: the agent's typing is told to them after it. */
async function settled(agent: AgentSocket, conversationId: string, tabs: VisitorSocket[]): Promise<void> {
  const markers = tabs.map((socket) => nextFact(socket, 'typing:changed'));
  expect((await agentCommand(agent, 'typing:set', { conversationId, typing: true })).ok).toBe(true);
  await Promise.all(markers);
}

describe('the shopper’s widget', () => {
  it('hears, on the tab that wrote, the agent its first message was given to, numbered as its second line', async () => {
    const marta = await desk(scope.server.agentEmail);
    const shopper = await tab();
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: 'first-msg-1', body: 'Hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.event.seq).toBe(1);

    await settled(marta, sent.data.conversation.id, [shopper.socket]);
    // The message itself only in the ack; Marta joining as a fact.
    expect(shopper.heard).toEqual(['conversation:changed joined 2']);
  });

  it('hears who left and who joined in a transfer, in its own numbering, and nothing of the note that came with it', async () => {
    await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna' });
    const anna = await desk('anna@shop.example');
    const shopper = await tab();
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: 'first-msg-2', body: 'On és la comanda?' });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    const otherTab = await tab(shopper.token);
    const carlaId = await addAgent(scope.server, { email: 'carla@shop.example', name: 'Carla' });
    const carla = await desk('carla@shop.example');
    await settled(anna, conversationId, [shopper.socket, otherTab.socket]);
    shopper.heard.splice(0);

    // Agents' lines: 1 message, 2 Anna joined, 3 the note, 4 Anna left, 5 Carla joined. The shopper's skip the note.
    const moved = await agentCommand(anna, 'conversation:transfer', {
      conversationId,
      to: { kind: 'agent', agentId: carlaId },
      note: 'Comanda 1042, urgent',
    });
    expect(moved).toMatchObject({ ok: true, data: { event: { type: 'joined', seq: 5 } } });
    await settled(carla, conversationId, [shopper.socket, otherTab.socket]);

    const lines = ['conversation:changed left 3', 'conversation:changed joined 4'];
    expect(shopper.heard).toEqual(lines);
    expect(otherTab.heard).toEqual(lines);
  });

  it('hears nothing but its own message when that message wakes a pending chat: the state is the agents’ own', async () => {
    const marta = await desk(scope.server.agentEmail);
    const shopper = await tab();
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: 'first-msg-3', body: 'Hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    const otherTab = await tab(shopper.token);
    const pending = await agentCommand(marta, 'conversation:status', { conversationId, state: 'pending' });
    expect(pending).toMatchObject({ ok: true, data: { event: { type: 'state', state: 'pending' } } });
    await settled(marta, conversationId, [shopper.socket, otherTab.socket]);
    shopper.heard.splice(0);

    // Agents' lines: 1 message, 2 Marta joined, 3 pending, 4 this message, 5 open again. The shopper's: 1, 2, 3.
    const woke = await visitorCommand(shopper.socket, 'message:send', { clientId: 'wake-msg-01', body: 'Ja ho tinc' });
    expect(woke).toMatchObject({ ok: true, data: { event: { seq: 3 }, conversation: { id: conversationId } } });
    await settled(marta, conversationId, [shopper.socket, otherTab.socket]);

    expect(shopper.heard).toEqual([]);
    expect(otherTab.heard).toEqual(['message:created message 3']);
  });
});
