import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { AgentPicture } from '@mostrador/shared';
import { accountRoutes } from './account.routes.ts';
import { adminAgentRoutes, type AdminAgentRoutesOptions } from './admin-agents.routes.ts';
import { AgentsRepository } from './agents.repository.ts';
import { AgentsService } from './agents.service.ts';
import { authRoutes } from './auth.routes.ts';
import { LoginChallenges } from './login-challenges.ts';
import { LoginThrottle, loginRouteLimits } from './login-throttle.ts';
import { RecoveryCodesRepository } from './recovery-codes.repository.ts';
import { SessionsRepository } from './sessions.repository.ts';
import { SessionsService, type SessionPorts } from './sessions.service.ts';
import { TwoFactorService } from './two-factor.service.ts';

/** The departments an agent belongs to (the departments module's answers). */
export interface AgentDepartments {
  departmentIdsOf(siteId: string, agentId: string): string[];
  checkDepartments: AdminAgentRoutesOptions['checkDepartments'];
  setMemberships: AdminAgentRoutesOptions['setMemberships'];
}

export interface AgentsModuleDeps {
  app: FastifyInstance;
  config: Pick<Config, 'secureCookies' | 'sessionDays' | 'limits'>;
  departments: AgentDepartments;
  /** The agent's picture (the avatars module's answer). */
  pictureOf: (agentId: string) => AgentPicture;
  sessions: SessionPorts;
  /** What the admin pages tell the rest of the team. */
  admin: Pick<AdminAgentRoutesOptions, 'agentChanged' | 'list' | 'agentDeactivated'>;
}

/** Agents, their sessions and second factor, with the login, admin and account routes. */
export function createAgentsModule(deps: AgentsModuleDeps) {
  const { app, config, departments } = deps;
  const agents: AgentsService = new AgentsService(
    new AgentsRepository(app.db),
    (siteId, id) => departments.departmentIdsOf(siteId, id),
    deps.pictureOf,
  );
  const sessions = new SessionsService(new SessionsRepository(app.db), agents, config.sessionDays, deps.sessions);
  const twoFactor = new TwoFactorService(agents, new RecoveryCodesRepository(app.db));
  return {
    agents,
    sessions,
    twoFactor,
    async authRoutes(server: FastifyInstance): Promise<void> {
      await server.register(authRoutes, {
        agents,
        sessions,
        twoFactor,
        challenges: new LoginChallenges(),
        secureCookies: config.secureCookies,
        sessionDays: config.sessionDays,
        loginLimits: loginRouteLimits(
          new LoginThrottle({
            freeFailures: config.limits.loginFreeFailures,
            baseDelayMs: config.limits.loginBaseDelayMs,
            maxDelayMs: config.limits.loginMaxDelayMs,
            forgetMs: config.limits.loginForgetMs,
          }),
          config.limits.loginPerIpPerMinute,
        ),
      });
    },
    async adminRoutes(server: FastifyInstance): Promise<void> {
      await server.register(adminAgentRoutes, {
        agents,
        checkDepartments: (siteId, ids) => departments.checkDepartments(siteId, ids),
        setMemberships: (siteId, agentId, ids) => departments.setMemberships(siteId, agentId, ids),
        ...deps.admin,
        sessions,
      });
    },
    async accountRoutes(server: FastifyInstance): Promise<void> {
      await server.register(accountRoutes, { agents, sessions, twoFactor });
    },
  };
}
