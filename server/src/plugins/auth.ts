import cookie from '@fastify/cookie';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type AuthenticatedAgent, type SessionLookup } from './session.ts';

export { SESSION_COOKIE };

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler that answers 401 unless a live agent session cookie is present. */
    requireAgent: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** preHandler for admin pages: 401 without a session, 403 for non-admins. */
    requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** Resolves an agent from a raw Cookie header (used by the socket handshake). */
    agentFromCookieHeader: (header: string | undefined) => Promise<AuthenticatedAgent | null>;
  }
  interface FastifyRequest {
    agent: AuthenticatedAgent | null;
  }
}

export interface AuthPluginOptions {
  sessions: SessionLookup;
}

export const authPlugin = fp<AuthPluginOptions>(
  async (app, { sessions }) => {
    await app.register(cookie);
    app.decorateRequest('agent', null);

    app.decorate('agentFromCookieHeader', async (header: string | undefined) => {
      const token = header ? app.parseCookie(header)[SESSION_COOKIE] : undefined;
      return token ? await sessions.bySessionToken(token) : null;
    });

    app.decorate('requireAgent', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = request.cookies[SESSION_COOKIE];
      const agent = token ? await sessions.bySessionToken(token) : null;
      if (!agent) {
        await reply.status(401).send({ error: { code: 'unauthorized', message: 'Log in first' } });
        return;
      }
      request.agent = agent;
    });

    app.decorate('requireAdmin', async (request: FastifyRequest, reply: FastifyReply) => {
      await app.requireAgent(request, reply);
      if (reply.sent) return;
      if (request.agent?.profile.role !== 'admin') {
        await reply.status(403).send({ error: { code: 'forbidden', message: 'Admins only' } });
      }
    });
  },
  { name: 'auth', fastify: '5.x', dependencies: ['db', 'errors'] },
);
