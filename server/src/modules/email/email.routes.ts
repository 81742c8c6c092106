import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ConversationEmails, ConversationParams, ErrorResponse, Mailbox } from '@mostrador/shared';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import type { AuthenticatedAgent } from '../agents/index.ts';
import type { OutboxService } from './outbox.service.ts';

export interface EmailRoutesOptions {
  outbox: OutboxService;
  /** Whether the agent may read the conversation; a foreign id and a missing one alike: false. */
  canRead: (agent: AuthenticatedAgent, conversationId: string) => Promise<boolean>;
}

/** The mail sent about a conversation (any agent who may read it), and the demo's local mailbox (admins). */
export const emailRoutes: FastifyPluginAsyncZod<EmailRoutesOptions> = async (app, { outbox, canRead }) => {
  const errors = errorResponses(ErrorResponse);

  app.get(
    '/api/conversations/:conversationId/emails',
    { preHandler: app.requireAgent, schema: { params: ConversationParams, response: { 200: ConversationEmails, ...errors } } },
    async (request, reply) => {
      const agent = request.agent!;
      if (!(await canRead(agent, request.params.conversationId))) {
        return reply.status(statusForCode('not_found')).send({ error: { code: 'not_found', message: 'Conversation not found' } });
      }
      return { emails: await outbox.ofConversation(agent.siteId, request.params.conversationId) };
    },
  );

  app.get('/api/admin/mailbox', { preHandler: app.requireAdmin, schema: { response: { 200: Mailbox, ...errors } } }, async (request) =>
    outbox.mailbox(request.agent!.siteId),
  );
};
