import type { Engine } from '../../db/engine.ts';
import type { VisitorsPersonalData } from './visitors.personal-data.ts';
import { PgVisitorsPersonalData } from './visitors.personal-data.pg.ts';
import { SqliteVisitorsPersonalData } from './visitors.personal-data.sqlite.ts';
import type { VisitorsRepository } from './visitors.repository.ts';
import { PgVisitorsRepository } from './visitors.repository.pg.ts';
import { SqliteVisitorsRepository } from './visitors.repository.sqlite.ts';
import { VisitorsService } from './visitors.service.ts';

/** What the privacy registry erases of visitors, and how it finds them, on the engine's tables. */
export function visitorsPersonalData(engine: Engine): VisitorsPersonalData {
  return engine.kind === 'sqlite' ? new SqliteVisitorsPersonalData(engine.db) : new PgVisitorsPersonalData(engine.db);
}

export function visitorsRepository(engine: Engine): VisitorsRepository {
  return engine.kind === 'sqlite' ? new SqliteVisitorsRepository(engine.db) : new PgVisitorsRepository(engine.db);
}

/**
 * The shop's visitors, and what the privacy registry erases of them (identities, page trails) and how it finds them.
 * Ready once the visitors' links to customers are read into memory.
 */
export async function createVisitorsModule(deps: { engine: Engine }) {
  const visitors = new VisitorsService(visitorsRepository(deps.engine));
  await visitors.load();
  return {
    visitors,
    personalData: () => visitorsPersonalData(deps.engine),
  };
}
