import type { Db } from '../../db/client.ts';
import type { Engine } from '../../db/engine.ts';
import type { VisitorsPersonalData } from './visitors.personal-data.ts';
import { PgVisitorsPersonalData } from './visitors.personal-data.pg.ts';
import { SqliteVisitorsPersonalData } from './visitors.personal-data.sqlite.ts';
import { VisitorsRepository } from './visitors.repository.ts';
import { VisitorsService } from './visitors.service.ts';

/** What the privacy registry erases of visitors, and how it finds them, on the engine's tables. */
export function visitorsPersonalData(engine: Engine): VisitorsPersonalData {
  return engine.kind === 'sqlite' ? new SqliteVisitorsPersonalData(engine.db) : new PgVisitorsPersonalData(engine.db);
}

/** The shop's visitors, and what the privacy registry erases of them (identities, page trails) and how it finds them. */
export function createVisitorsModule(deps: { db: Db; engine: Engine }) {
  return {
    visitors: new VisitorsService(new VisitorsRepository(deps.db)),
    personalData: () => visitorsPersonalData(deps.engine),
  };
}
