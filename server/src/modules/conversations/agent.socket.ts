import type { FastifyBaseLogger } from 'fastify';
import { agentCommandSchemas, mapOk, ok, type AgentClientEvents } from '@mostrador/shared';
import type { AgentNamespace } from '../../plugins/realtime.ts';
import { registerCommands } from '../../realtime/commands.ts';
import type { AuthenticatedAgent } from '../agents/index.ts';
import { normalizeOrigin, serverOriginOf } from '../sites/index.ts';
import type { AgentActor } from './actors.ts';
import { sessionRoom, siteAgentsRoom } from './conversations.broadcast.ts';
import { agentView, toSummary } from './conversations.mapping.ts';
import type { ConversationsService } from './conversations.service.ts';

export interface AgentSocketDeps {
  conversations: ConversationsService;
  agentFromCookieHeader: (header: string | undefined) => AuthenticatedAgent | null;
  consoleOrigins: string[];
  trustProxy: boolean;
  log: FastifyBaseLogger;
}

/** The console's side: only the console's own origin, only with a live session. */
export function attachAgentSocket(ns: AgentNamespace, deps: AgentSocketDeps): void {
  const { conversations, log } = deps;

  ns.use((socket, next) => {
    const headers = socket.handshake.headers;
    const origin = headers.origin ? normalizeOrigin(headers.origin) : null;
    const allowed = [serverOriginOf(headers, deps.trustProxy), ...deps.consoleOrigins];
    if (!origin || !allowed.includes(origin)) return next(new Error('forbidden_origin'));
    const agent = deps.agentFromCookieHeader(headers.cookie);
    if (!agent) return next(new Error('unauthorized'));
    socket.data = {
      agentId: agent.profile.id,
      siteId: agent.siteId,
      name: agent.profile.name,
      role: agent.profile.role,
      sessionId: agent.sessionId,
    };
    next();
  });

  ns.on('connection', (socket) => {
    const { agentId, siteId, name, role, sessionId } = socket.data;
    const actor: AgentActor = { kind: 'agent', agentId, siteId, name, role };
    void socket.join([siteAgentsRoom(siteId), sessionRoom(sessionId)]);

    registerCommands<AgentClientEvents>(
      socket,
      agentCommandSchemas,
      {
        'conversation:list': (payload) =>
          ok({ conversations: conversations.list(actor, payload.status ?? 'open').map(toSummary) }),
        'conversation:sync': (payload) =>
          mapOk(conversations.agentPage(actor, payload.conversationId, payload.afterSeq), agentView.page),
        'message:send': async (payload) =>
          mapOk(await conversations.sendFromAgent(actor, payload), agentView.sent),
        'typing:set': (payload) => conversations.agentTyping(actor, payload.conversationId, payload.typing),
        'conversation:close': async (payload) =>
          mapOk(await conversations.closeByAgent(actor, payload.conversationId), agentView.changed),
      },
      log,
    );
  });
}

/** A logged-out session must not keep a live socket. */
export function endAgentSession(ns: AgentNamespace, sessionId: string): void {
  ns.in(sessionRoom(sessionId)).disconnectSockets(true);
}
