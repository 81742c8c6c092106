import type { Tx } from '../../db/committer.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';
import type { RatingsRepository } from './ratings.repository.ts';

/** The ratings module's part in the privacy registry: a shopper's ratings (with comments) and NPS answers, on either engine. */
export class RatingsPersonalData implements PersonalDataSource {
  readonly tables = ['conversation_ratings', 'nps_responses'];

  constructor(
    private readonly repo: RatingsRepository,
    /** After an erasure: the service's memory of who answered the NPS question lets go of them. */
    private readonly forgetAnswers: (scope: SubjectScope) => void,
  ) {}

  async exportRows(scope: SubjectScope) {
    return { ...(await this.repo.subjectRows(scope.siteId, scope.visitorIds)) };
  }

  eraseInTx(tx: Tx, scope: SubjectScope) {
    return this.repo.eraseSubjectInTx(tx, scope.siteId, scope.visitorIds);
  }

  afterErase(scope: SubjectScope): void {
    this.forgetAnswers(scope);
  }

  readonly retention = {
    kind: 'conversations' as const,
    purgeInTx: (tx: Tx, siteId: string, cutoff: number, limit: number) => this.repo.purgeOlderThanInTx(tx, siteId, cutoff, limit),
  };
}
