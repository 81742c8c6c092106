import { describe, expect, it } from 'vitest';
import { connectVisitorSession, nextFact, startTestServer, visitorCommand, type VisitorSocket } from './testing/harness.ts';
import { closeRedis, openRedis } from './realtime/redis-client.ts';
import { drainAndClose } from './shutdown.ts';
import { eventually, startPrivateRedis } from './testing/redis.ts';

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
        body: { ok: true, status: 'draining', engine: server.app.engine.kind, database: 'up', redis: 'off' },
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

  it('in a cluster, sends its clients away to reconnect and lets go of Redis, so no connection of its own stays behind', async () => {
    const redis = await startPrivateRedis();
    const observer = openRedis(redis.url, { info: () => undefined, warn: () => undefined });
    const clients = async () =>
      String(await observer.sendCommand(['CLIENT', 'LIST']))
        .trim()
        .split('\n').length;
    const server = await startTestServer({ redisUrl: redis.url });
    const { socket: visitor } = await connectVisitorSession(server);
    try {
      await eventually('the node is ready', async () => (await statusAndBody(`${server.url}/api/ready`)).status === 200);
      // The node's own connections: the client, the adapter's reader and subscriber, the bus's and the directories' subscribers.
      expect(await clients()).toBeGreaterThan(1);
      const sentAway = nextFact<VisitorSocket, string>(visitor, 'disconnect', 10_000);
      await drainAndClose(server.app, 200);
      expect(await sentAway).toBe('transport close');
      await eventually('only the observer is left on Redis', async () => (await clients()) === 1, 5000);
    } finally {
      visitor.close();
      await server.close();
      await closeRedis(observer);
      await redis.kill();
    }
  });
});
