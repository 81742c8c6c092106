import type { Tx } from '../../db/committer.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';
import type { RatingsRepository } from './ratings.repository.ts';

/** The ratings module's part in the privacy registry: a shopper's ratings (with comments) and NPS answers. */
export class RatingsPersonalData implements PersonalDataSource {
  readonly tables = ['conversation_ratings', 'nps_responses'];

  constructor(private readonly repo: RatingsRepository) {}

  async exportRows(scope: SubjectScope) {
    return this.repo.subjectRows(scope.siteId, scope.visitorIds);
  }

  eraseInTx(_tx: Tx, scope: SubjectScope): number {
    return this.repo.eraseSubject(scope.siteId, scope.visitorIds);
  }

  readonly retention = {
    kind: 'conversations' as const,
    purgeInTx: (_tx: Tx, siteId: string, cutoff: number, limit: number): number => this.repo.purgeOlderThan(siteId, cutoff, limit),
  };
}
