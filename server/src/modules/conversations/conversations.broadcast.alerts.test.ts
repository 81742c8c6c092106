import { describe, expect, it } from 'vitest';
import type { LowRating, MentionCreated } from '@mostrador/shared';
import { addAgent, agentCommand, connectAgentAs, connectVisitorSession, nextFact, visitorCommand } from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * The alerts a console shows outside any open chat: a mention, and (to
 * admins) a low rating. Each must say whose chat it is, since the console
 * may not hold that conversation: the alert's text is all the agent sees.
 */
const scope = serverPerTest({}, async (server) => {
  await addAgent(server, { email: 'carla@shop.example', name: 'Carla' });
  await addAgent(server, { email: 'bernat@shop.example', name: 'Bernat' });
  await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
});
const { sockets } = scope;

async function desk(email: string) {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  return socket;
}

/** A shopper whose chat Marta has. */
async function chatWithMarta() {
  const marta = await desk(scope.server.agentEmail);
  const shopper = await connectVisitorSession(scope.server);
  sockets.push(shopper.socket);
  const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: 'alert-msg-1', body: 'Hola' });
  if (!sent.ok) throw new Error(sent.error.message);
  expect(sent.data.conversation.agents).toEqual([{ name: 'Marta' }]);
  return { marta, shopper: shopper.socket, conversationId: sent.data.conversation.id };
}

describe('a mention', () => {
  it('tells the mentioned colleague whose chat, the note and who wrote it; a colleague not mentioned hears nothing', async () => {
    const { marta, conversationId } = await chatWithMarta();
    const carla = await desk('carla@shop.example');
    const bernat = await desk('bernat@shop.example');
    const carlaId = scope.server.app.services.agents
      .list(scope.server.app.services.sites.byKey(scope.server.siteKey)!.id)
      .find((a) => a.name === 'Carla')!.id;
    const bernatHeard: string[] = [];
    bernat.onAny((name: string) => bernatHeard.push(name));

    const told = nextFact<typeof carla, MentionCreated>(carla, 'mention:created');
    const noted = await agentCommand(marta, 'note:add', {
      conversationId,
      clientId: 'mention-01',
      body: '@Carla ho mires?',
      mentions: [carlaId],
    });
    if (!noted.ok) throw new Error(noted.error.message);
    const { event: note, conversation } = noted.data;
    expect(conversation.visitorLabel).not.toBe('');
    const martaRef = { id: note.author.id, name: 'Marta' };
    expect(await told).toEqual({ conversationId, visitorLabel: conversation.visitorLabel, note, by: martaRef });

    // Bernat's own presence, set again, comes back after anything sent to him before it.
    const marker = nextFact(bernat, 'presence:changed');
    expect((await agentCommand(bernat, 'presence:set', { status: 'online' })).ok).toBe(true);
    await marker;
    expect(bernatHeard).not.toContain('mention:created');
  });
});

describe('a low rating', () => {
  it('tells the admins whose chat and the rating itself', async () => {
    const { marta, shopper, conversationId } = await chatWithMarta();
    const boss = await desk('boss@shop.example');
    const listed = await agentCommand(boss, 'conversation:list', { view: 'all' });
    const visitorLabel = listed.ok ? listed.data.conversations.find((c) => c.id === conversationId)?.visitorLabel : undefined;
    expect(visitorLabel).toEqual(expect.stringMatching(/.+/));
    expect((await agentCommand(marta, 'conversation:close', { conversationId })).ok).toBe(true);

    const alert = nextFact<typeof boss, LowRating>(boss, 'rating:low');
    const rated = await visitorCommand(shopper, 'rating:submit', { conversationId, score: 1, comment: 'Massa lents' });
    if (!rated.ok) throw new Error(rated.error.message);
    expect(await alert).toEqual({ conversationId, visitorLabel, rating: rated.data });
  });
});
