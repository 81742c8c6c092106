import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { RatingsPersonalData } from './ratings.personal-data.ts';
import { RatingsRepository } from './ratings.repository.ts';
import { ratingsRoutes } from './ratings.routes.ts';
import { RatingsService, type RatingsPorts } from './ratings.service.ts';

export interface RatingsModuleDeps {
  db: Db;
  groupCommit: GroupCommit;
  ports: RatingsPorts;
}

/** The shopper's rating of an ended conversation and the NPS question, with the admin's routes. */
export function createRatingsModule(deps: RatingsModuleDeps) {
  const ratingsRepo = new RatingsRepository(deps.db);
  const ratings: RatingsService = new RatingsService(ratingsRepo, deps.groupCommit, deps.ports);
  return {
    ratings,
    /** The ratings a shopper gave, for the privacy registry. */
    personalData: () => new RatingsPersonalData(ratingsRepo),
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(ratingsRoutes, { ratings });
    },
  };
}
