import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AgentResponse, ErrorResponse, LoginBody, LoginResponse, SecondStepBody } from '@mostrador/shared';
import { SESSION_COOKIE } from '../../plugins/session.ts';
import type { AgentsService } from './agents.service.ts';
import type { LoginChallenges } from './login-challenges.ts';
import type { SessionsService } from './sessions.service.ts';
import type { TwoFactorService } from './two-factor.service.ts';
import type { loginRouteLimits } from './login-throttle.ts';

export interface AuthRoutesOptions {
  agents: AgentsService;
  sessions: SessionsService;
  twoFactor: TwoFactorService;
  challenges: LoginChallenges;
  secureCookies: boolean;
  sessionDays: number;
  /** Per-address and per-email limits on login (login-throttle.ts). */
  loginLimits: ReturnType<typeof loginRouteLimits>;
}

const WRONG_CREDENTIALS = { error: { code: 'unauthorized', message: 'Wrong email or password' } } as const;
const WRONG_CODE = { error: { code: 'unauthorized', message: 'Wrong or expired code' } } as const;

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (
  app,
  { agents, sessions, twoFactor, challenges, secureCookies, sessionDays, loginLimits },
) => {
  /** Opens the session and sets its cookie: the only way a login ends. */
  async function signIn(reply: FastifyReply, agentId: string, userAgent: string | undefined) {
    const opened = await sessions.open(agentId, userAgent ?? '');
    if (!opened) return reply.status(401).send(WRONG_CREDENTIALS);
    reply.setCookie(SESSION_COOKIE, opened.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: sessionDays * 24 * 60 * 60,
    });
    return reply.send({ agent: opened.agent.profile });
  }

  app.post(
    '/api/auth/login',
    { ...loginLimits, schema: { body: LoginBody, response: { 200: LoginResponse, 401: ErrorResponse } } },
    async (request, reply) => {
      const agent = await agents.withCredentials(request.body.email, request.body.password);
      if (!agent) return reply.status(401).send(WRONG_CREDENTIALS);
      // With two-factor login on, a right password earns a challenge, not a session.
      if (agent.totpSecret)
        return reply.send({ secondStep: { challenge: await challenges.issue({ siteId: agent.siteId, agentId: agent.id }) } });
      return signIn(reply, agent.id, request.headers['user-agent']);
    },
  );

  app.post(
    '/api/auth/login/second-step',
    { schema: { body: SecondStepBody, response: { 200: AgentResponse, 401: ErrorResponse } } },
    async (request, reply) => {
      const owner = await challenges.attempt(request.body.challenge);
      if (!owner || !(await twoFactor.verify(owner.siteId, owner.agentId, request.body.code))) return reply.status(401).send(WRONG_CODE);
      await challenges.settle(request.body.challenge);
      return signIn(reply, owner.agentId, request.headers['user-agent']);
    },
  );

  app.get(
    '/api/auth/me',
    { preHandler: app.requireAgent, schema: { response: { 200: AgentResponse, 401: ErrorResponse } } },
    async (request) => ({ agent: request.agent!.profile }),
  );

  app.post('/api/auth/logout', { schema: { response: { 204: z.null() } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await sessions.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });
};
