import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ConversationList,
  ConversationListQuery,
  ConversationPage,
  ConversationParams,
  ErrorResponse,
  EventsQuery,
  MissedChatsQuery,
  MissedChatsReport,
} from '@mostrador/shared';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import type { AuthenticatedAgent } from '../agents/index.ts';
import type { AgentActor } from './actors.ts';
import type { ConversationsService } from './conversations.service.ts';
import type { ConversationViews } from './conversations.views.ts';
import type { ConversationStates } from './conversation-states.ts';

export interface ConversationRoutesOptions {
  conversations: ConversationsService;
  views: ConversationViews;
  states: ConversationStates;
}

export function actorOf(agent: AuthenticatedAgent): AgentActor {
  return {
    kind: 'agent',
    agentId: agent.profile.id,
    siteId: agent.siteId,
    name: agent.profile.name,
    role: agent.profile.role,
  };
}

/** Read-only HTTP views of the inbox, for integrations and scripts; the console uses the socket. */
export const conversationRoutes: FastifyPluginAsyncZod<ConversationRoutesOptions> = async (app, { conversations, views, states }) => {
  app.addHook('preHandler', app.requireAgent);
  const errors = errorResponses(ErrorResponse);

  app.get(
    '/api/conversations',
    { schema: { querystring: ConversationListQuery, response: { 200: ConversationList, ...errors } } },
    async (request, reply) => {
      const result = await conversations.list(actorOf(request.agent!), request.query.view, request.query.state);
      if (!result.ok) return reply.status(statusForCode(result.error.code)).send({ error: result.error });
      return { conversations: result.data.map((row) => views.summary(row)) };
    },
  );

  app.get(
    '/api/conversations/:conversationId/events',
    { schema: { params: ConversationParams, querystring: EventsQuery, response: { 200: ConversationPage, ...errors } } },
    async (request, reply) => {
      const result = await conversations.agentPage(actorOf(request.agent!), request.params.conversationId, request.query.afterSeq);
      if (!result.ok) return reply.status(statusForCode(result.error.code)).send({ error: result.error });
      return views.agentPage(result.data);
    },
  );

  /** Missed chats per day of the site (admins): the figures the reports will chart. */
  app.get(
    '/api/reports/missed-chats',
    { preHandler: app.requireAdmin, schema: { querystring: MissedChatsQuery, response: { 200: MissedChatsReport, ...errors } } },
    async (request, reply) => {
      const result = await states.missedChats(request.agent!.siteId, request.query.from, request.query.to);
      if (!result.ok) return reply.status(statusForCode(result.error.code)).send({ error: result.error });
      return result.data;
    },
  );
};
