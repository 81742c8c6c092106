import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EndedSessionsBody,
  ErrorResponse,
  PasswordChangeBody,
  RecoveryCodesBody,
  SessionListBody,
  SessionParams,
  TwoFactorCodeBody,
  TwoFactorDisableBody,
  TwoFactorEnrolment,
  TwoFactorStatus,
  type ErrorBody,
} from '@mostrador/shared';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import type { AgentsService } from './agents.service.ts';
import type { SessionsService } from './sessions.service.ts';
import type { TwoFactorService } from './two-factor.service.ts';

export interface AccountRoutesOptions {
  agents: AgentsService;
  sessions: SessionsService;
  twoFactor: TwoFactorService;
}

function refuse(reply: FastifyReply, error: ErrorBody) {
  return reply.status(statusForCode(error.code)).send({ error });
}

/** The agent's own security page: sessions, password and two-factor login. Every route acts on the caller only. */
export const accountRoutes: FastifyPluginAsyncZod<AccountRoutesOptions> = async (app, { agents, sessions, twoFactor }) => {
  app.addHook('preHandler', app.requireAgent);
  const errors = errorResponses(ErrorResponse);

  app.get('/api/account/sessions', { schema: { response: { 200: SessionListBody, ...errors } } }, async (request) => ({
    sessions: await sessions.list(request.agent!.profile.id, request.agent!.sessionId),
  }));

  app.delete(
    '/api/account/sessions/:sessionId',
    { schema: { params: SessionParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const ended = await sessions.end(request.agent!.profile.id, request.params.sessionId);
      if (!ended.ok) return refuse(reply, ended.error);
      return reply.status(204).send(null);
    },
  );

  app.post('/api/account/sessions/end-others', { schema: { response: { 200: EndedSessionsBody, ...errors } } }, async (request) => ({
    ended: await sessions.endAll(request.agent!.profile.id, request.agent!.sessionId),
  }));

  app.put(
    '/api/account/password',
    { schema: { body: PasswordChangeBody, response: { 200: EndedSessionsBody, ...errors } } },
    async (request, reply) => {
      const { profile, siteId, sessionId } = request.agent!;
      if (!(await agents.passwordMatches(request.agent!.siteId, profile.id, request.body.currentPassword))) {
        return refuse(reply, { code: 'forbidden', message: 'Wrong password' });
      }
      const updated = await agents.update(siteId, profile.id, { password: request.body.newPassword });
      if (!updated.ok) return refuse(reply, updated.error);
      // Whoever knew the old password may be logged in elsewhere: only this session stays.
      return { ended: await sessions.endAll(profile.id, sessionId) };
    },
  );

  app.get(
    '/api/account/two-factor',
    { schema: { response: { 200: TwoFactorStatus, ...errors } } },
    async (request) => await twoFactor.status(request.agent!.siteId, request.agent!.profile.id),
  );

  app.post(
    '/api/account/two-factor/enrolment',
    { schema: { response: { 200: TwoFactorEnrolment, ...errors } } },
    async (request, reply) => {
      const started = await twoFactor.begin(request.agent!.siteId, request.agent!.profile.id);
      return started.ok ? started.data : refuse(reply, started.error);
    },
  );

  app.post(
    '/api/account/two-factor/confirm',
    { schema: { body: TwoFactorCodeBody, response: { 200: RecoveryCodesBody, ...errors } } },
    async (request, reply) => {
      const confirmed = await twoFactor.confirm(request.agent!.siteId, request.agent!.profile.id, request.body.code);
      return confirmed.ok ? confirmed.data : refuse(reply, confirmed.error);
    },
  );

  app.post(
    '/api/account/two-factor/disable',
    { schema: { body: TwoFactorDisableBody, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const disabled = await twoFactor.disable(request.agent!.siteId, request.agent!.profile.id, request.body.password);
      if (!disabled.ok) return refuse(reply, disabled.error);
      return reply.status(204).send(null);
    },
  );
};
