import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '@mostrador/shared';
import { connectAgentAs, connectVisitorSession, nextFact, visitorCommand, type AgentSocket } from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/*
 * A shopper's phone resends a message whose ack it never got (the network
 * dropped it): the server answers with the stored message, and nobody hears
 * it twice. "Not heard again" is proven by a marker: a later message that
 * must come right after the original.
 */

const scope = serverPerTest();

describe('a visitor’s resend', () => {
  it('is answered with the stored message and never told to the agent again, in a new conversation or an open one', async () => {
    const { server, sockets } = scope;
    const marta = await connectAgentAs(server, server.agentEmail);
    sockets.push(marta);
    const heard: string[] = [];
    marta.on('message:created', ({ event }: { event: ConversationEvent }) => {
      if (event.type === 'message') heard.push(event.body ?? '');
    });
    const visitor = await connectVisitorSession(server);
    sockets.push(visitor.socket);

    const opening = { clientId: 'resend-open-1', body: 'Hola' };
    const first = await visitorCommand(visitor.socket, 'message:send', opening);
    if (!first.ok) throw new Error(first.error.message);
    const again = await visitorCommand(visitor.socket, 'message:send', opening);
    expect(again).toEqual(first);

    const next = { clientId: 'resend-next-1', body: 'On és el meu paquet?' };
    const second = await visitorCommand(visitor.socket, 'message:send', next);
    const secondAgain = await visitorCommand(visitor.socket, 'message:send', next);
    expect(secondAgain.ok && second.ok && secondAgain.data.event).toEqual(second.ok && second.data.event);

    const marker = nextFact<AgentSocket, { event: ConversationEvent }>(marta, 'message:created');
    expect((await visitorCommand(visitor.socket, 'message:send', { clientId: 'resend-marker', body: 'marker' })).ok).toBe(true);
    expect((await marker).event).toMatchObject({ body: 'marker' });
    expect(heard).toEqual(['Hola', 'On és el meu paquet?', 'marker']);
  });
});
