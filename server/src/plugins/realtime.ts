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
import { limitConnectionsPerIp } from '../realtime/connection-limit.ts';
import { jsonOnlyParser } from '../realtime/json-parser.ts';

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
}

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
    });
  },
  { name: 'realtime', fastify: '5.x' },
);
