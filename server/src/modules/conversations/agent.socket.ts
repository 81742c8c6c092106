import { agentCommandSchemas, mapOk, ok, type AgentClientEvents } from '@mostrador/shared';
import type { AgentNamespace } from '../../plugins/realtime.ts';
import { maskingCardNumbers } from '../../realtime/card-masking.ts';
import { registerCommands, socketBudget, type CommandHandlers, type ErrorLog } from '../../realtime/commands.ts';
import type { Rate } from '../../realtime/token-bucket.ts';
import type { AuthenticatedAgent } from '../agents/index.ts';
import type { VisitorActivity, VisitorWatching } from '../visitors/index.ts';
import { normalizeOrigin, serverOriginOf } from '../sites/index.ts';
import type { AgentActor } from './actors.ts';
import { agentRooms, sessionRoom } from './rooms.ts';
import type { ConversationsService } from './conversations.service.ts';
import type { ConversationViews } from './conversations.views.ts';
import type { ConversationStates } from './conversation-states.ts';
import type { RoutingService } from './routing.service.ts';
import type { TeamCoordinator } from './team-coordinator.ts';
import type { ConversationToolbox } from './toolbox.service.ts';
import type { ReadReceipts } from './read-receipts.service.ts';

export interface AgentSocketDeps {
  conversations: ConversationsService;
  states: ConversationStates;
  routing: RoutingService;
  toolbox: ConversationToolbox;
  receipts: ReadReceipts;
  views: ConversationViews;
  team: TeamCoordinator;
  activity: VisitorActivity;
  watching: VisitorWatching;
  /** The Reports page's live figures: the reports module's commands, for this socket's session. */
  liveHandlers: (
    socket: { join(room: string): unknown; leave(room: string): unknown },
    session: { siteId: string; role: 'admin' | 'agent' },
  ) => Pick<CommandHandlers<AgentClientEvents>, 'live:watch' | 'live:unwatch'>;
  agentFromCookieHeader: (header: string | undefined) => Promise<AuthenticatedAgent | null>;
  consoleOrigins: string[];
  trustProxy: boolean;
  /** Per socket: `message:send`, and every other command; generous, as a console opens with a burst of syncs. */
  limits: { messages: Rate; events: Rate };
  log: ErrorLog;
}

/** The console's side: only the console's own origin, only with a live session. */
export function attachAgentSocket(ns: AgentNamespace, deps: AgentSocketDeps): void {
  const { conversations, states, routing, toolbox, views, team, activity, watching, log } = deps;

  ns.use(async (socket, next) => {
    const headers = socket.handshake.headers;
    const origin = headers.origin ? normalizeOrigin(headers.origin) : null;
    const allowed = [serverOriginOf(headers, deps.trustProxy), ...deps.consoleOrigins];
    if (!origin || !allowed.includes(origin)) return next(new Error('forbidden_origin'));
    // The session is read from the table, so one ended on another node is refused here too.
    const agent = await deps.agentFromCookieHeader(headers.cookie).catch((err: unknown) => {
      log.error({ err }, 'agent handshake: session lookup failed');
      return null;
    });
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
    const actor: AgentActor = { kind: 'agent', agentId, siteId, name, role, connectionId: socket.id };
    void socket.join([...agentRooms({ agentId, siteId, role }, team.departmentIdsOf(siteId, agentId)), sessionRoom(sessionId)]);
    team.socketConnected(agentId, siteId);
    socket.on('disconnect', () => team.socketDisconnected(agentId, siteId));

    registerCommands<AgentClientEvents>(
      socket,
      agentCommandSchemas,
      maskingCardNumbers<AgentClientEvents>({
        'conversation:list': async (payload) =>
          mapOk(await conversations.list(actor, payload.view ?? 'mine', payload.state), (rows) => ({
            conversations: rows.map((r) => views.summary(r)),
          })),
        'conversation:sync': async (payload) =>
          mapOk(await conversations.agentPage(actor, payload.conversationId, payload.afterSeq), (p) => views.agentPage(p)),
        'message:send': async (payload) => mapOk(await conversations.sendFromAgent(actor, payload), (a) => views.agentSent(a)),
        'typing:set': (payload) => conversations.agentTyping(actor, payload.conversationId, payload.typing),
        'conversation:close': async (payload) =>
          mapOk(await conversations.closeByAgent(actor, payload.conversationId), (a) => views.agentChanged(a)),
        'conversation:status': async (payload) => mapOk(await states.set(actor, payload), (a) => views.agentChanged(a)),
        'conversation:take': async (payload) => mapOk(await routing.take(actor, payload.conversationId), (a) => views.agentChanged(a)),
        'conversation:transfer': async (payload) =>
          mapOk(await routing.transfer(actor, payload.conversationId, payload.to, payload.note || undefined), (a) => views.agentChanged(a)),
        'conversation:invite': async (payload) =>
          mapOk(await routing.invite(actor, payload.conversationId, payload.agentId), (a) => views.agentChanged(a)),
        'conversation:leave': async (payload) => mapOk(await routing.leave(actor, payload.conversationId), (a) => views.agentChanged(a)),
        'presence:set': async (payload) => ok(await team.setAvailability(agentId, siteId, payload.status)),
        'team:list': async () => ok(await team.list(siteId)),
        'conversation:start': async (payload) =>
          mapOk(await conversations.startByAgent(actor, payload, await activity.whereabouts(siteId, payload.visitorId)), (a) =>
            views.agentSent(a),
          ),
        'note:add': async (payload) =>
          mapOk(await toolbox.addNote(actor, { ...payload, mentions: payload.mentions ?? [] }), (a) => views.agentChanged(a)),
        'conversation:tag': async (payload) =>
          mapOk(await toolbox.tag(actor, { ...payload, add: payload.add ?? [], remove: payload.remove ?? [] }), (c) => ({
            conversation: views.summary(c),
          })),
        'read:mark': (payload) => deps.receipts.agentRead(actor, payload.conversationId, payload.seq),
        ...watching.handlers(socket, siteId, activity),
        ...deps.liveHandlers(socket, { siteId, role }),
      }),
      log,
      socketBudget({ 'message:send': deps.limits.messages }, deps.limits.events),
    );
  });
}

/** A logged-out session must not keep a live socket. */
export function endAgentSession(ns: AgentNamespace, sessionId: string): void {
  ns.in(sessionRoom(sessionId)).disconnectSockets(true);
}
