import { describe, expect, it } from 'vitest';
import { connectVisitorSession, nextFact, startTestServer, visitorCommand, type VisitorSocket } from './testing/harness.ts';
import { drainAndClose } from './shutdown.ts';

const statusAndBody = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as unknown };
};

describe('a node told to stop (SIGTERM)', () => {
  it('is not ready from the first moment, serves its clients through the drain, then sends them away to reconnect with nothing lost', async () => {
    const server = await startTestServer();
    const { socket: visitor, visitorId } = await connectVisitorSession(server);
    try {
      expect(await statusAndBody(`${server.url}/api/ready`)).toEqual({ status: 200, body: { ready: true } });
      const before = await visitorCommand(visitor, 'message:send', { clientId: 'drain-msg-1', body: 'abans' });
      if (!before.ok) throw new Error('send failed');
      const sentAway = nextFact<VisitorSocket, string>(visitor, 'disconnect', 10_000);

      const drained = drainAndClose(server.app, 500);
      expect(await statusAndBody(`${server.url}/api/ready`)).toEqual({ status: 503, body: { ready: false } });
      expect(await statusAndBody(`${server.url}/api/health`)).toEqual({
        status: 200,
        body: { ok: true, status: 'draining', engine: 'sqlite', database: 'up', redis: 'off' },
      });
      // Still serving the clients it has while the balancer takes notice.
      const during = await visitorCommand(visitor, 'message:send', { clientId: 'drain-msg-2', body: 'durant' });
      expect(during.ok).toBe(true);

      await drained;
      // A transport closed, not a socket ended by the server: the client reconnects on its own.
      expect(await sentAway).toBe('transport close');
      const back = nextFact<VisitorSocket, { visitorId: string }>(visitor, 'session:established', 10_000);
      await server.restart();
      expect((await back).visitorId).toBe(visitorId);
      expect(await statusAndBody(`${server.url}/api/ready`)).toEqual({ status: 200, body: { ready: true } });
      const page = await visitorCommand(visitor, 'conversation:sync', { conversationId: before.data.conversation.id, afterSeq: 0 });
      if (!page.ok) throw new Error('sync failed');
      expect(page.data.events.filter((event) => event.type === 'message').map((event) => event.body)).toEqual(['abans', 'durant']);
    } finally {
      visitor.close();
      await server.close();
    }
  });
});
