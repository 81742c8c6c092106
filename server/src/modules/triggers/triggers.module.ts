import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { triggersPersonalData } from './triggers.personal-data.ts';
import { TriggersRepository } from './triggers.repository.ts';
import { triggerRoutes } from './triggers.routes.ts';
import { TriggersService } from './triggers.service.ts';

export interface TriggersModuleDeps {
  db: Db;
  groupCommit: GroupCommit;
  team: {
    agent(siteId: string, agentId: string): { name: string } | undefined;
    departmentList(siteId: string): ReadonlyArray<{ id: string }>;
  };
  sites: { byId(siteId: string): { name: string } | undefined };
}

/** Proactive invitations: the rules, what they did, and the admin's routes. */
export function createTriggersModule(deps: TriggersModuleDeps) {
  const { team, sites } = deps;
  const triggers = new TriggersService(new TriggersRepository(deps.db), deps.groupCommit, {
    agentName: (siteId, agentId) => team.agent(siteId, agentId)?.name ?? null,
    departmentExists: (siteId, departmentId) => team.departmentList(siteId).some((d) => d.id === departmentId),
    siteName: (siteId) => sites.byId(siteId)?.name ?? '',
  });
  return {
    triggers,
    /** The firings a shopper saw, for the privacy registry. */
    personalData: () => triggersPersonalData({ kind: 'sqlite', db: deps.db }),
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(triggerRoutes, { triggers });
    },
  };
}
