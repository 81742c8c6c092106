import { describe, expect, it } from 'vitest';
import type { LiveFigures } from '@mostrador/shared';
import { addAgent, AGENT_PASSWORD, agentCommand, connectAgentAs, connectVisitorSession, visitorCommand } from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * Erasing a shopper: every console of the site drops their conversations,
 * even a plain agent's that never had the chat (its lists and search may
 * hold it), told only the ids; and the admins' live figures stop counting
 * the chat at once, though no other commit follows to recount them.
 */
const scope = serverPerTest({}, async (server) => {
  await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
  await addAgent(server, { email: 'carla@shop.example', name: 'Carla' });
});
const { sockets } = scope;

async function desk(email: string) {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  return socket;
}

describe('an erased shopper', () => {
  it('is dropped from every console by id alone, and from the live figures', async () => {
    const boss = await desk('boss@shop.example');
    expect((await agentCommand(boss, 'presence:set', { status: 'away' })).ok).toBe(true);
    await desk(scope.server.agentEmail);
    const shopper = await connectVisitorSession(scope.server);
    sockets.push(shopper.socket);
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: 'erase-msg-1', body: 'Soc la Núria' });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    expect(sent.data.conversation.agents).toEqual([{ name: 'Marta' }]);
    // Carla arrives once Marta has the chat: she never had it.
    const carla = await desk('carla@shop.example');

    const live: LiveFigures[] = [];
    boss.on('live:changed', (figures: LiveFigures) => live.push(figures));
    const watched = await agentCommand(boss, 'live:watch', {});
    expect(watched).toMatchObject({ ok: true, data: { inProgress: 1 } });
    const dropped = [boss, carla].map(
      (socket) => new Promise<unknown>((resolve) => socket.once('conversations:erased', (fact: unknown) => resolve(fact))),
    );

    const login = await scope.server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'boss@shop.example', password: AGENT_PASSWORD },
    });
    const session = login.cookies.find((c) => c.name === 'mostrador_session')!.value;
    const erased = await scope.server.app.inject({
      method: 'POST',
      url: `/api/admin/privacy/visitor/${shopper.visitorId}/erase`,
      cookies: { mostrador_session: session },
      payload: { confirm: true },
    });
    expect(erased.statusCode).toBe(200);

    expect(await Promise.all(dropped)).toEqual([{ conversationIds: [conversationId] }, { conversationIds: [conversationId] }]);
    await expect.poll(() => live.at(-1)?.inProgress, { timeout: 5000 }).toBe(0);
  });
});
