import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, SHARED_REDIS_URL, uniqueRedisName } from '../testing/redis.ts';
import { RedisDirectory } from './node-directory.redis.ts';
import { closeRedis, openRedis, type RedisClient } from './redis-client.ts';
import { RoomWatchers, watchRoomsAcrossNodes } from './watched-rooms.ts';

const quiet = { info: () => undefined, warn: () => undefined };

/** Socket.IO's own in-memory adapter (a namespace's, on a server that never listens), with join and leave by room name. */
function rooms() {
  // Nothing to close: a server that never listens holds no handle.
  const adapter = new Server().of('/agents').adapter;
  return Object.assign(adapter, {
    join: (room: string, socketId: string) => adapter.addAll(socketId, new Set([room])),
    leave: (room: string, socketId: string) => adapter.del(socketId, room),
  });
}
const opened: Array<{ directory: RedisDirectory<RoomWatchers>; redis: RedisClient }> = [];
afterEach(async () => {
  for (const { directory, redis } of opened.splice(0)) {
    await directory.close();
    await closeRedis(redis);
  }
});

async function node(nodeId: string, name: string) {
  const redis = openRedis(SHARED_REDIS_URL, quiet);
  const directory = new RedisDirectory<RoomWatchers>({ redis, nodeId, name, schema: RoomWatchers, leaseMs: 10_000, log: () => undefined });
  opened.push({ directory, redis });
  await directory.subscribed;
  const adapter = rooms();
  return { rooms: adapter, watched: watchRoomsAcrossNodes(adapter, directory, ['live:', 'visitor-profile:']) };
}

describe('rooms watched across nodes', () => {
  it('sees a room with a member on another node, of the kinds it shares, until its last member leaves', async () => {
    const name = uniqueRedisName('rooms');
    const a = await node('node-a', name);
    const b = await node('node-b', name);
    expect(b.watched.has('live:site-1')).toBe(false);
    a.rooms.join('live:site-1', 'socket-1');
    a.rooms.join('live:site-1', 'socket-2');
    a.rooms.join('site-agents:site-1', 'socket-1');
    await eventually('b sees the watched room', () => b.watched.has('live:site-1'));
    expect([a.watched.has('live:site-1'), b.watched.has('live:site-2')]).toEqual([true, false]);
    // A kind of room not shared is known only where it is.
    expect([a.watched.has('site-agents:site-1'), b.watched.has('site-agents:site-1')]).toEqual([true, false]);

    a.rooms.leave('live:site-1', 'socket-1');
    expect(b.watched.has('live:site-1')).toBe(true);
    a.rooms.leave('live:site-1', 'socket-2');
    await eventually('b sees the room emptied', () => !b.watched.has('live:site-1'));
  });

  it('counts only this node’s rooms when alone', () => {
    const adapter = rooms();
    const watched = watchRoomsAcrossNodes(adapter, null, ['live:']);
    adapter.join('live:site-1', 'socket-1');
    expect([watched.has('live:site-1'), watched.has('live:site-2')]).toEqual([true, false]);
    adapter.leave('live:site-1', 'socket-1');
    expect(watched.has('live:site-1')).toBe(false);
  });
});
