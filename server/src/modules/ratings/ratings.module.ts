import type { FastifyInstance } from 'fastify';
import { committerFor } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { RatingsPersonalData } from './ratings.personal-data.ts';
import type { RatingsRepository } from './ratings.repository.ts';
import { PgRatingsRepository } from './ratings.repository.pg.ts';
import { SqliteRatingsRepository } from './ratings.repository.sqlite.ts';
import { ratingsRoutes } from './ratings.routes.ts';
import { RatingsService, type RatingsPorts } from './ratings.service.ts';

export interface RatingsModuleDeps {
  engine: Engine;
  /** SQLite's group commit, which ratings ride with the message path's writes; none on PostgreSQL. */
  groupCommit?: GroupCommit;
  ports: RatingsPorts;
}

/** The ratings' repository for the engine. */
export function ratingsRepository(engine: Engine): RatingsRepository {
  return engine.kind === 'sqlite' ? new SqliteRatingsRepository(engine.db) : new PgRatingsRepository(engine.db);
}

/** The shopper's rating of an ended conversation and the NPS question, with the admin's routes; ready once the last 90 days' answers are read. */
export async function createRatingsModule(deps: RatingsModuleDeps) {
  const ratingsRepo = ratingsRepository(deps.engine);
  const ratings: RatingsService = new RatingsService(ratingsRepo, committerFor(deps.engine, deps.groupCommit), deps.ports);
  await ratings.load();
  return {
    ratings,
    /** The ratings a shopper gave, for the privacy registry. */
    personalData: () =>
      new RatingsPersonalData(ratingsRepo, (scope) => ratings.forgetAnswers(scope.siteId, scope.visitorIds, scope.customerIds)),
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(ratingsRoutes, { ratings });
    },
  };
}
