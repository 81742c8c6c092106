import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { AgentPicture } from '@mostrador/shared';
import { accountRoutes } from './account.routes.ts';
import { adminAgentRoutes, type AdminAgentRoutesOptions } from './admin-agents.routes.ts';
import type { Engine } from '../../db/engine.ts';
import type { AgentsRepository } from './agents.repository.ts';
import { PgAgentsRepository } from './agents.repository.pg.ts';
import { SqliteAgentsRepository } from './agents.repository.sqlite.ts';
import { AgentsService } from './agents.service.ts';
import { authRoutes } from './auth.routes.ts';
import { ChallengeOwner, LoginChallenges } from './login-challenges.ts';
import { loginRouteLimits } from './login-throttle.ts';
import type { RateLimits } from '../../realtime/rate-limits.ts';
import type { RecoveryCodesRepository } from './recovery-codes.repository.ts';
import { PgRecoveryCodesRepository } from './recovery-codes.repository.pg.ts';
import { SqliteRecoveryCodesRepository } from './recovery-codes.repository.sqlite.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import { PgSessionsRepository } from './sessions.repository.pg.ts';
import { SqliteSessionsRepository } from './sessions.repository.sqlite.ts';
import { SessionsService, type SessionPorts } from './sessions.service.ts';
import { PendingEnrolment, TwoFactorService } from './two-factor.service.ts';
import type { OpenExpiringRecords } from '../../realtime/expiring-records.ts';

/** The departments an agent belongs to (the departments module's answers). */
export interface AgentDepartments {
  departmentIdsOf(siteId: string, agentId: string): string[];
  checkDepartments: AdminAgentRoutesOptions['checkDepartments'];
  setMemberships: AdminAgentRoutesOptions['setMemberships'];
}

export interface AgentsModuleDeps {
  engine: Engine;
  config: Pick<Config, 'secureCookies' | 'sessionDays' | 'limits'>;
  departments: AgentDepartments;
  /** The agent's picture (the avatars module's answer). */
  pictureOf: (agentId: string) => AgentPicture;
  sessions: SessionPorts;
  /** Where login attempts are counted (in Redis when nodes share the load). */
  rateLimits: RateLimits;
  /** Where the login's second-step challenges and pending enrolments are kept (Redis when nodes share the load). */
  records: OpenExpiringRecords;
  /** What the admin pages tell the rest of the team. */
  admin: Pick<AdminAgentRoutesOptions, 'agentChanged' | 'list' | 'agentDeactivated'>;
}

/** The repositories of the agents module, on the engine given. */
export function agentsRepositories(engine: Engine): {
  agents: AgentsRepository;
  sessions: SessionsRepository;
  recoveryCodes: RecoveryCodesRepository;
} {
  return engine.kind === 'sqlite'
    ? {
        agents: new SqliteAgentsRepository(engine.db),
        sessions: new SqliteSessionsRepository(engine.db),
        recoveryCodes: new SqliteRecoveryCodesRepository(engine.db),
      }
    : {
        agents: new PgAgentsRepository(engine.db),
        sessions: new PgSessionsRepository(engine.db),
        recoveryCodes: new PgRecoveryCodesRepository(engine.db),
      };
}

/**
 * Agents, their sessions and second factor, with the login, admin and
 * account routes. Every agent is read into memory by `agents.load()` before
 * the app serves; sessions are not kept in memory (sessions.repository.ts).
 */
export async function createAgentsModule(deps: AgentsModuleDeps) {
  const { config, departments } = deps;
  const perMinute = config.limits.loginPerIpPerMinute;
  const repositories = agentsRepositories(deps.engine);
  const agents: AgentsService = new AgentsService(
    repositories.agents,
    (siteId, id) => departments.departmentIdsOf(siteId, id),
    deps.pictureOf,
  );
  await agents.load();
  const sessions = new SessionsService(repositories.sessions, agents, config.sessionDays, deps.sessions);
  const twoFactor = new TwoFactorService(agents, repositories.recoveryCodes, deps.records('two-factor-enrolments', PendingEnrolment));
  return {
    agents,
    sessions,
    twoFactor,
    async authRoutes(server: FastifyInstance): Promise<void> {
      await server.register(authRoutes, {
        agents,
        sessions,
        twoFactor,
        challenges: new LoginChallenges(deps.records('login-challenges', ChallengeOwner)),
        secureCookies: config.secureCookies,
        sessionDays: config.sessionDays,
        loginLimits: loginRouteLimits(
          deps.rateLimits.backoff('login-email', {
            freeFailures: config.limits.loginFreeFailures,
            baseDelayMs: config.limits.loginBaseDelayMs,
            maxDelayMs: config.limits.loginMaxDelayMs,
            forgetMs: config.limits.loginForgetMs,
          }),
          perMinute > 0 ? deps.rateLimits.buckets('login-address', { burst: perMinute, perSecond: perMinute / 60 }) : null,
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
