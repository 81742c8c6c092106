import fp from 'fastify-plugin';
import { Server, type Namespace } from 'socket.io';
import {
  AGENT_NAMESPACE,
  MAX_FRAME_BYTES,
  SOCKET_PATH,
  VISITOR_NAMESPACE,
  type AgentClientEvents,
  type AgentServerEvents,
  type AgentSocketData,
  type InterServerEvents,
  type VisitorClientEvents,
  type VisitorServerEvents,
  type VisitorSocketData,
} from '@mostrador/shared';
import { createRequire } from 'node:module';
import type * as StreamsAdapter from '@socket.io/redis-streams-adapter';
import { limitConnectionsPerIp } from '../realtime/connection-limit.ts';
import { jsonOnlyParser } from '../realtime/json-parser.ts';
import type { RedisClient } from '../realtime/redis-client.ts';

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, InterServerEvents, VisitorSocketData>;
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, InterServerEvents, AgentSocketData>;

export interface Realtime {
  io: Server;
  visitors: VisitorNamespace;
  agents: AgentNamespace;
}

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Realtime;
  }
}

export interface RealtimeOptions {
  /** Open sockets allowed per client address; 0 for no cap. */
  maxPerIp: number;
  trustProxy: boolean;
  /** A cluster's Redis: rooms span every node through it. null: one process, rooms in memory. */
  redis: RedisClient | null;
  /** The cluster's name (CLUSTER_NAME), so that two clusters sharing a Redis never hear each other. */
  clusterName: string;
}

/** Where every node's Socket.IO meets in Redis; the cluster's name keeps it apart from anything else in the same database. */
export const socketStreamOf = (clusterName: string) => `${clusterName}:socket.io`;

/**
 * Socket.IO on Fastify's own HTTP server. Origins are checked per namespace
 * in the handshake middleware (visitors against their site, agents against
 * the console), so the CORS layer only reflects the origin for polling.
 */
export const realtimePlugin = fp<RealtimeOptions>(
  async (app, options) => {
    const io = new Server(app.server, {
      path: SOCKET_PATH,
      serveClient: false,
      maxHttpBufferSize: MAX_FRAME_BYTES,
      cors: { origin: true, credentials: true },
      parser: jsonOnlyParser,
      // With Redis, every emit to a room goes through the streams adapter to the sockets on every node;
      // our frames are JSON only, so it may skip its search for binary data.
      ...(options.redis && { adapter: redisStreamsAdapter(options.redis, socketStreamOf(options.clusterName)) }),
    });
    limitConnectionsPerIp(io, options);
    const visitors: VisitorNamespace = io.of(VISITOR_NAMESPACE);
    const agents: AgentNamespace = io.of(AGENT_NAMESPACE);
    // The default namespace is not part of the contract.
    io.of('/').use((_socket, next) => next(new Error('not_found')));
    app.decorate('realtime', { io, visitors, agents });

    // Closing the transports (not disconnecting the sockets) lets clients see
    // a "transport close" and reconnect on their own to the restarted server.
    app.addHook('preClose', async () => {
      io.engine.close();
      // The adapters stop reading the stream (a node that stops must not hold Redis connections open).
      if (options.redis) await Promise.allSettled([io.of('/'), visitors, agents].map(async (ns) => ns.adapter.close()));
    });
  },
  { name: 'realtime', fastify: '5.x' },
);

/**
 * Socket.IO's Redis Streams adapter: unlike the pub/sub one it reads from a
 * stream, so a Redis restart or a network blip delays broadcasts instead of
 * dropping them. A one-second read block lets a closing node let go quickly.
 */
export function redisStreamsAdapter(redis: RedisClient, streamName: string) {
  // Loaded only for a cluster, like node-redis itself (redis-client.ts).
  const { createAdapter } = createRequire(import.meta.url)('@socket.io/redis-streams-adapter') as typeof StreamsAdapter;
  return createAdapter(redis, { streamName, channelPrefix: streamName, onlyPlaintext: true, blockTimeInMs: 1000 });
}
