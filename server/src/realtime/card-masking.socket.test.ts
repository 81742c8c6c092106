import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationCreated, TypingChanged } from '@mostrador/shared';
import {
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  nextFact,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../testing/harness.ts';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

/** Whether the card's middle digits reached the database file or its write-ahead log. */
function databaseHolds(text: string): boolean {
  return [server.config.databaseFile, `${server.config.databaseFile}-wal`].some(
    (file) => existsSync(file) && readFileSync(file).includes(text),
  );
}

describe('card numbers from a client that skips the widget', () => {
  it('are masked before the message is stored, acked and broadcast, phone and order numbers kept', async () => {
    const marta = await connectAgentAs(server, server.agentEmail);
    sockets.push(marta);
    // A raw Socket.IO client: no widget, so nothing masked on the way in.
    const visitor = await connectVisitorSession(server);
    sockets.push(visitor.socket);
    const toMarta = nextFact<AgentSocket, ConversationCreated>(marta, 'conversation:created');
    const sent = await visitorCommand(visitor.socket, 'message:send', {
      clientId: 'c-card-0001',
      body: 'mi tarjeta es 4111-1111-1111-1111, pedido #100234, teléfono +34 612 345 678',
    });
    const masked = 'mi tarjeta es ••••-••••-••••-1111, pedido #100234, teléfono +34 612 345 678';
    expect(sent.ok && sent.data.event.body).toBe(masked);
    const created = await toMarta;
    expect(created.conversation.lastMessage?.body).toBe(masked);

    const page = await agentCommand(marta, 'conversation:sync', { conversationId: created.conversation.id, afterSeq: 0 });
    const bodies = page.ok ? page.data.events.flatMap((e) => ('body' in e ? [e.body] : [])) : [];
    expect(bodies).toEqual([masked]);
    expect(databaseHolds('4111-1111-1111')).toBe(false);
  });

  it('are masked in the typing draft the agent sees and in the name the visitor claims', async () => {
    const marta = await connectAgentAs(server, server.agentEmail);
    sockets.push(marta);
    const visitor = await connectVisitorSession(server);
    sockets.push(visitor.socket);
    await visitorCommand(visitor.socket, 'message:send', { clientId: 'c-card-0002', body: 'Hola' });

    const typing = nextFact<AgentSocket, TypingChanged>(marta, 'typing:changed');
    await visitorCommand(visitor.socket, 'typing:set', { typing: true, draft: 'la meva targeta és 5555 5555 5555 4444' });
    expect((await typing).draft).toBe('la meva targeta és •••• •••• •••• 4444');

    const claimed = await visitorCommand(visitor.socket, 'visitor:identify', {
      id: 'cust-1',
      name: 'Pau 4111111111111111',
    });
    expect(claimed.ok && claimed.data.identity.name).toBe('Pau ••••••••••••1111');
    const profile = await agentCommand(marta, 'visitor:follow', { visitorId: visitor.visitorId });
    expect(profile.ok && profile.data.identity.name).toBe('Pau ••••••••••••1111');
    expect(databaseHolds('4111111111111111')).toBe(false);
  });
});
