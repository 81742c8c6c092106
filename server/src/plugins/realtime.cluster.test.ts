import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { closeRedis, openRedis, type RedisClient } from '../realtime/redis-client.ts';
import { eventually, SHARED_REDIS_URL, startPrivateRedis, uniqueRedisName } from '../testing/redis.ts';
import { redisStreamsAdapter } from './realtime.ts';

const quiet = { info: () => undefined, warn: () => undefined };

interface Node {
  io: Server;
  http: HttpServer;
  redis: RedisClient;
  url: string;
}

const nodes: Node[] = [];
const clients: Socket[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const node of nodes.splice(0)) {
    await node.io.close();
    await closeRedis(node.redis);
  }
});

/** A Socket.IO server with no app behind it, on its own port, meeting the others in Redis as the app's nodes do. */
async function startNode(redisUrl: string, stream: string): Promise<Node> {
  const redis = openRedis(redisUrl, quiet);
  const http = createServer();
  const io = new Server(http, { adapter: redisStreamsAdapter(redis, stream) });
  // Each socket joins the room its handshake names, as widgets join their site's room.
  io.on('connection', (socket) => {
    const room = socket.handshake.auth['room'];
    if (typeof room === 'string') void socket.join(room);
    socket.emit('joined');
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const address = http.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const node = { io, http, redis, url: `http://127.0.0.1:${address.port}` };
  nodes.push(node);
  return node;
}

async function client(node: Node, room: string): Promise<{ socket: Socket; heard: unknown[] }> {
  const socket = connect(node.url, { transports: ['websocket'], auth: { room }, reconnection: false });
  clients.push(socket);
  const heard: unknown[] = [];
  socket.on('fact', (payload: unknown) => heard.push(payload));
  await new Promise<void>((resolve, reject) => {
    socket.once('joined', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, heard };
}

describe('Socket.IO across nodes through Redis streams', () => {
  it('delivers a fact emitted to a room on one node to the sockets in that room on the other, and to no one else', async () => {
    const stream = uniqueRedisName('sio');
    const a = await startNode(SHARED_REDIS_URL, stream);
    const b = await startNode(SHARED_REDIS_URL, stream);
    const onB = await client(b, 'site:1');
    const otherSiteOnB = await client(b, 'site:2');
    const onA = await client(a, 'site:1');
    // Both adapters must be reading the stream before the emit, or the first fact could fall before it.
    await eventually('both nodes see each other', async () => (await a.io.of('/').adapter.serverCount()) === 2);

    a.io.to('site:1').emit('fact', { n: 1 });
    await eventually('b’s socket hears a’s fact', () => onB.heard.length === 1);
    expect(onB.heard).toEqual([{ n: 1 }]);
    expect(onA.heard).toEqual([{ n: 1 }]);
    // Joined across nodes too: a makes b's socket join a room, then reaches it there.
    a.io.in('site:1').socketsJoin('conversation:9');
    await eventually('the join reached b', () => b.io.of('/').adapter.rooms.get('conversation:9')?.size === 1);
    a.io.to('conversation:9').emit('fact', { n: 2 });
    await eventually('b’s socket hears the second fact', () => onB.heard.length === 2);
    expect(otherSiteOnB.heard).toEqual([]);
    await a.redis.del(stream);
  });

  it('resumes broadcasts after its Redis is killed and started again, on both nodes, with no restart of theirs', async () => {
    const redis = await startPrivateRedis();
    try {
      const stream = 'mostrador:socket.io';
      const a = await startNode(redis.url, stream);
      const b = await startNode(redis.url, stream);
      const onB = await client(b, 'site:1');
      await eventually('both nodes see each other', async () => (await a.io.of('/').adapter.serverCount()) === 2);
      a.io.to('site:1').emit('fact', { n: 'before' });
      await eventually('heard before the restart', () => onB.heard.length === 1);

      await redis.kill();
      await redis.start();
      // The clients reconnect on their own and the adapters go on reading; facts flow again.
      await eventually(
        'heard after the restart',
        () => {
          a.io.to('site:1').emit('fact', { n: 'after' });
          return onB.heard.some((fact) => JSON.stringify(fact) === '{"n":"after"}');
        },
        15_000,
      );
      // And the other way round.
      const onA = await client(a, 'site:1');
      b.io.to('site:1').emit('fact', { n: 'from b' });
      await eventually('a hears b after the restart', () => onA.heard.some((fact) => JSON.stringify(fact) === '{"n":"from b"}'));
      // The client on b never dropped: only the nodes' link through Redis did.
      expect(onB.socket.connected).toBe(true);
    } finally {
      await redis.kill();
    }
  }, 30_000);
});
