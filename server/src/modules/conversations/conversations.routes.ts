import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ConversationList,
  ConversationListQuery,
  ConversationPage,
  ConversationParams,
  ErrorResponse,
  EventsQuery,
} from '@mostrador/shared';
import type { AuthenticatedAgent } from '../agents/index.ts';
import type { AgentActor } from './actors.ts';
import { agentView, toSummary } from './conversations.mapping.ts';
import type { ConversationsService } from './conversations.service.ts';

export interface ConversationRoutesOptions {
  conversations: ConversationsService;
}

/** Read-only HTTP views of the inbox, for integrations and scripts; the console uses the socket. */
export const conversationRoutes: FastifyPluginAsyncZod<ConversationRoutesOptions> = async (
  app,
  { conversations },
) => {
  app.addHook('preHandler', app.requireAgent);

  const actorOf = (request: { agent: AuthenticatedAgent | null }): AgentActor => {
    const agent = request.agent!;
    return {
      kind: 'agent',
      agentId: agent.profile.id,
      siteId: agent.siteId,
      name: agent.profile.name,
      role: agent.profile.role,
    };
  };

  app.get(
    '/api/conversations',
    { schema: { querystring: ConversationListQuery, response: { 200: ConversationList, 401: ErrorResponse } } },
    async (request) => ({
      conversations: conversations.list(actorOf(request), request.query.status).map(toSummary),
    }),
  );

  app.get(
    '/api/conversations/:conversationId/events',
    {
      schema: {
        params: ConversationParams,
        querystring: EventsQuery,
        response: { 200: ConversationPage, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const result = conversations.agentPage(
        actorOf(request),
        request.params.conversationId,
        request.query.afterSeq,
      );
      if (!result.ok) return reply.status(404).send({ error: result.error });
      return agentView.page(result.data);
    },
  );
};
