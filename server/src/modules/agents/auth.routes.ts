import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AgentResponse, ErrorResponse, LoginBody } from '@mostrador/shared';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import type { AgentsService } from './agents.service.ts';
import type { loginRouteLimits } from './login-throttle.ts';

export interface AuthRoutesOptions {
  agents: AgentsService;
  /** Called after a logout, so live sockets of that session end too. */
  onLogout: (sessionId: string) => void;
  secureCookies: boolean;
  sessionDays: number;
  /** Per-address and per-email limits on login (login-throttle.ts). */
  loginLimits: ReturnType<typeof loginRouteLimits>;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (
  app,
  { agents, onLogout, secureCookies, sessionDays, loginLimits },
) => {
  app.post(
    '/api/auth/login',
    { ...loginLimits, schema: { body: LoginBody, response: { 200: AgentResponse, 401: ErrorResponse } } },
    async (request, reply) => {
      const result = await agents.login(request.body.email, request.body.password);
      if (!result) {
        return reply
          .status(401)
          .send({ error: { code: 'unauthorized', message: 'Wrong email or password' } });
      }
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        maxAge: sessionDays * 24 * 60 * 60,
      });
      return { agent: result.agent.profile };
    },
  );

  app.get(
    '/api/auth/me',
    { preHandler: app.requireAgent, schema: { response: { 200: AgentResponse, 401: ErrorResponse } } },
    async (request) => ({ agent: request.agent!.profile }),
  );

  app.post(
    '/api/auth/logout',
    { schema: { response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) onLogout(agents.logout(token));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
};
