import type { Db } from '../../db/client.ts';
import { VisitorsPersonalData } from './visitors.personal-data.ts';
import { VisitorsRepository } from './visitors.repository.ts';
import { VisitorsService } from './visitors.service.ts';

/** The shop's visitors, and what the privacy registry erases of them (identities, page trails) and how it finds them. */
export function createVisitorsModule(deps: { db: Db }) {
  return {
    visitors: new VisitorsService(new VisitorsRepository(deps.db)),
    personalData: () => new VisitorsPersonalData(deps.db),
  };
}
