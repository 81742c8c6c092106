import { describe, expect, it } from 'vitest';
import type { ConversationEvent, MentionCreated } from '@mostrador/shared';
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
 * The rules of the agents' own tools that the happy paths do not show: a
 * note is told once to everyone else who sees the chat and never echoed to
 * the socket that wrote it, a resent note is stored and told once, a client
 * id already spent on a message is not taken for a note, a colleague
 * mentioned twice hears it once and nobody is told of their own mention,
 * only those who write in a chat tag it, and a tag change that changes
 * nothing is told to nobody.
 */
const scope = serverPerTest({}, async (server) => {
  await addAgent(server, { email: 'carla@shop.example', name: 'Carla Puig' });
  await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
});
const { sockets } = scope;

const idOf = (name: string) => {
  const site = scope.server.app.services.sites.byKey(scope.server.siteKey)!;
  return scope.server.app.services.agents.list(site.id).find((a) => a.name === name)!.id;
};

/** A console, with the conversation events and mentions it hears. */
async function consoleOf(email: string) {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  const events: ConversationEvent[] = [];
  const mentions: MentionCreated[] = [];
  socket.on('conversation:changed', ({ event }) => events.push(event));
  socket.on('mention:created', (mention) => mentions.push(mention));
  return { socket, events, mentions, notes: () => events.filter((e) => e.type === 'note').map((e) => (e.type === 'note' ? e.body : '')) };
}

/** Marta is online first, so the shopper's message is hers. */
async function chat() {
  const marta = await consoleOf(scope.server.agentEmail);
  const { socket } = await connectVisitorSession(scope.server);
  sockets.push(socket);
  const sent = await visitorCommand(socket, 'message:send', { clientId: 'v-toolbox-1', body: 'On és el meu paquet?' });
  if (!sent.ok) throw new Error(sent.error.message);
  return { marta, conversationId: sent.data.conversation.id };
}

const note = (socket: AgentSocket, conversationId: string, clientId: string, body: string, mentions: string[] = []) =>
  agentCommand(socket, 'note:add', { conversationId, clientId, body, mentions });

describe('notes', () => {
  it('are told once to the others who see the chat, never echoed to the writing socket, and a resend is stored and told once', async () => {
    const { marta, conversationId } = await chat();
    const martaOtherTab = await consoleOf(scope.server.agentEmail);
    const boss = await consoleOf('boss@shop.example');

    const first = await note(marta.socket, conversationId, 'note-tb-0001', 'Client VIP');
    const again = await note(marta.socket, conversationId, 'note-tb-0001', 'Client VIP');
    expect(again.ok && first.ok && again.data.event.seq).toBe(first.ok && first.data.event.seq);
    // A later note is the marker: whatever the first and its resend sent has arrived before it.
    const marker = nextFact(boss.socket, 'conversation:changed');
    await note(marta.socket, conversationId, 'note-tb-0002', 'marker');
    await marker;
    await expect.poll(() => martaOtherTab.notes()).toEqual(['Client VIP', 'marker']);
    expect(boss.notes()).toEqual(['Client VIP', 'marker']);
    // The writing socket has each in its answer, and hears neither again.
    await barrier(marta.socket, conversationId);
    expect(marta.notes()).toEqual([]);
    const page = await agentCommand(boss.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(page.ok && page.data.events.filter((e) => e.type === 'note')).toHaveLength(2);
  });

  it('do not take a client id already spent on a message: refused, and nothing stored', async () => {
    const { marta, conversationId } = await chat();
    expect((await agentCommand(marta.socket, 'message:send', { conversationId, clientId: 'spent-00001', body: 'Ara miro' })).ok).toBe(true);
    const before = await agentCommand(marta.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(await note(marta.socket, conversationId, 'spent-00001', 'una nota')).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'That client id was used for something else' },
    });
    expect(await agentCommand(marta.socket, 'conversation:sync', { conversationId, afterSeq: 0 })).toEqual(before);
  });

  it('tell a colleague mentioned twice once, store each name once, and never tell the author of their own mention', async () => {
    const { marta, conversationId } = await chat();
    const carla = await consoleOf('carla@shop.example');
    const carlaId = idOf('Carla Puig');
    const martaId = idOf('Marta');
    const written = await note(marta.socket, conversationId, 'note-tb-0003', '@Carla @Carla @Marta', [carlaId, carlaId, martaId]);
    expect(written.ok && written.data.event).toMatchObject({
      mentions: [
        { id: carlaId, name: 'Carla Puig' },
        { id: martaId, name: 'Marta' },
      ],
    });
    // Markers: a second note for Carla, and the admin's note naming Marta.
    const carlaMarker = nextFact(carla.socket, 'mention:created');
    await expect.poll(() => carla.mentions.length).toBe(1);
    await note(marta.socket, conversationId, 'note-tb-0004', '@Carla again', [carlaId]);
    await carlaMarker;
    await expect.poll(() => carla.mentions.map((m) => m.note.body)).toEqual(['@Carla @Carla @Marta', '@Carla again']);
    const martaMarker = nextFact<AgentSocket, MentionCreated>(marta.socket, 'mention:created');
    const boss = await consoleOf('boss@shop.example');
    expect((await note(boss.socket, conversationId, 'note-tb-0005', '@Marta mira', [martaId])).ok).toBe(true);
    expect((await martaMarker).note.body).toBe('@Marta mira');
    expect(marta.mentions.map((m) => m.note.body)).toEqual(['@Marta mira']);
  });

  it('carry no mentions when none were named', async () => {
    const { marta, conversationId } = await chat();
    const plain = await note(marta.socket, conversationId, 'note-tb-0006', 'Sense mencions');
    if (!plain.ok) throw new Error(plain.error.message);
    expect(plain.data.event).not.toHaveProperty('mentions');
    const page = await agentCommand(marta.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(page.ok && page.data.events.find((e) => e.type === 'note')).not.toHaveProperty('mentions');
  });
});

describe('tags', () => {
  it('are set only by those who write in the chat: a colleague reading it in the queue is refused, and the tags stay', async () => {
    const siteId = scope.server.app.services.sites.byKey(scope.server.siteKey)!.id;
    const returns = await scope.server.app.services.departments.create(siteId, { slug: 'returns', name: 'Returns', routing: 'manual' });
    if (!returns.ok) throw new Error(returns.error.message);
    await scope.server.app.services.departments.setMemberships(siteId, idOf('Carla Puig'), [returns.data.id]);
    const carla = await consoleOf('carla@shop.example');
    const { socket } = await connectVisitorSession(scope.server);
    sockets.push(socket);
    const sent = await visitorCommand(socket, 'message:send', { clientId: 'v-toolbox-2', body: 'Vull tornar-ho', department: 'returns' });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    // Carla reads the chat in her department's queue, but has not taken it.
    expect((await agentCommand(carla.socket, 'conversation:sync', { conversationId, afterSeq: 0 })).ok).toBe(true);
    expect(await agentCommand(carla.socket, 'conversation:tag', { conversationId, add: ['vip'] })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Take the conversation first' },
    });
    const page = await agentCommand(carla.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(page.ok && page.data.conversation.tags).toEqual([]);
  });

  it('that change nothing are answered and told to nobody', async () => {
    const { marta, conversationId } = await chat();
    const boss = await consoleOf('boss@shop.example');
    const told: string[][] = [];
    boss.socket.on('conversation:retagged', ({ conversation }) => told.push(conversation.tags));
    expect((await agentCommand(marta.socket, 'conversation:tag', { conversationId, add: ['vip'] })).ok).toBe(true);
    const same = await agentCommand(marta.socket, 'conversation:tag', { conversationId, add: ['vip'], remove: ['absent'] });
    expect(same.ok && same.data.conversation.tags).toEqual(['vip']);
    const marker = nextFact(boss.socket, 'conversation:retagged');
    await agentCommand(marta.socket, 'conversation:tag', { conversationId, add: ['urgent'] });
    await marker;
    await expect.poll(() => told).toEqual([['vip'], ['vip', 'urgent']]);
  });

  it('count one swapped for another as a change, though their number stays', async () => {
    const { marta, conversationId } = await chat();
    expect((await agentCommand(marta.socket, 'conversation:tag', { conversationId, add: ['vip', 'urgent'] })).ok).toBe(true);
    const swapped = await agentCommand(marta.socket, 'conversation:tag', { conversationId, add: ['returns'], remove: ['urgent'] });
    expect(swapped.ok && swapped.data.conversation.tags).toEqual(['vip', 'returns']);
    const page = await agentCommand(marta.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(page.ok && page.data.conversation.tags).toEqual(['vip', 'returns']);
  });
});

describe('on a chat that is not there', () => {
  it('refuse a note and a tag as not found, and store nothing', async () => {
    const { marta, conversationId } = await chat();
    const notFound = { ok: false, error: { code: 'not_found', message: 'No such conversation' } };
    expect(await note(marta.socket, 'cnv_missing', 'note-tb-0007', 'x')).toEqual(notFound);
    expect(await agentCommand(marta.socket, 'conversation:tag', { conversationId: 'cnv_missing', add: ['vip'] })).toEqual(notFound);
    const page = await agentCommand(marta.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(page.ok && page.data.events.filter((e) => e.type === 'note')).toEqual([]);
  });
});

describe('on a chat of another department', () => {
  it('refuse a note and a tag from a colleague who cannot see it, as for a chat that is not there', async () => {
    const site = scope.server.app.services.sites.byKey(scope.server.siteKey)!;
    const sales = await scope.server.app.services.departments.create(site.id, { slug: 'sales', name: 'Sales', routing: 'auto' });
    if (!sales.ok) throw new Error(sales.error.message);
    await scope.server.app.services.departments.setMemberships(site.id, idOf('Marta'), [sales.data.id]);
    const marta = await consoleOf(scope.server.agentEmail);
    const { socket } = await connectVisitorSession(scope.server);
    sockets.push(socket);
    const sent = await visitorCommand(socket, 'message:send', {
      clientId: 'v-toolbox-sales',
      body: 'Teniu la talla 42?',
      department: 'sales',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    // Carla is in no department: the Sales chat is not hers to see.
    const carla = await consoleOf('carla@shop.example');

    const notFound = { ok: false, error: { code: 'not_found', message: 'No such conversation' } };
    expect(await note(carla.socket, conversationId, 'note-tb-0100', 'x')).toEqual(notFound);
    expect(await agentCommand(carla.socket, 'conversation:tag', { conversationId, add: ['vip'] })).toEqual(notFound);
    const page = await agentCommand(marta.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.data.events.filter((e) => e.type === 'note')).toEqual([]);
    expect(page.data.conversation.tags).toEqual([]);
  });
});

/** A command's answer comes after every fact sent to that socket before it. */
async function barrier(socket: AgentSocket, conversationId: string): Promise<void> {
  await agentCommand(socket, 'conversation:sync', { conversationId, afterSeq: 0 });
}
