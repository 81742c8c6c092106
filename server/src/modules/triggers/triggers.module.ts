import type { FastifyInstance } from 'fastify';
import { committerFor } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { triggersPersonalData } from './triggers.personal-data.ts';
import type { TriggersRepository } from './triggers.repository.ts';
import { PgTriggersRepository } from './triggers.repository.pg.ts';
import { SqliteTriggersRepository } from './triggers.repository.sqlite.ts';
import { triggerRoutes } from './triggers.routes.ts';
import { TriggersService, type TriggerConversionSource } from './triggers.service.ts';

export interface TriggersModuleDeps {
  engine: Engine;
  /** SQLite's group commit, which firings ride with the message path's writes; none on PostgreSQL. */
  groupCommit?: GroupCommit;
  team: {
    agent(siteId: string, agentId: string): { name: string } | undefined;
    departmentList(siteId: string): ReadonlyArray<{ id: string }>;
  };
  sites: { byId(siteId: string): { name: string } | undefined };
  /** The reports' conversions per rule, for the trigger report. */
  conversions: TriggerConversionSource['conversions'];
}

/** The triggers' repository for the engine. */
export function triggersRepository(engine: Engine): TriggersRepository {
  return engine.kind === 'sqlite' ? new SqliteTriggersRepository(engine.db) : new PgTriggersRepository(engine.db);
}

/** Proactive invitations: the rules, what they did, and the admin's routes; ready once every site's rules are read. */
export async function createTriggersModule(deps: TriggersModuleDeps) {
  const { team, sites } = deps;
  const triggers = new TriggersService(
    triggersRepository(deps.engine),
    committerFor(deps.engine, deps.groupCommit),
    {
      agentName: (siteId, agentId) => team.agent(siteId, agentId)?.name ?? null,
      departmentExists: (siteId, departmentId) => team.departmentList(siteId).some((d) => d.id === departmentId),
      siteName: (siteId) => sites.byId(siteId)?.name ?? '',
    },
    { conversions: deps.conversions },
  );
  await triggers.load();
  return {
    triggers,
    /** The firings a shopper saw, for the privacy registry. */
    personalData: () => triggersPersonalData(deps.engine),
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(triggerRoutes, { triggers });
    },
  };
}
