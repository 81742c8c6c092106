import type { InTx, Tx } from '../../db/committer.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';
import type { OutboxRepository } from './outbox.repository.ts';

/**
 * The email module's part in the privacy registry: each mail holds a
 * shopper's address and the conversation's words; the watermarks say which
 * of their conversations were mailed. Old mail goes with old conversations.
 */
export class EmailPersonalData implements PersonalDataSource {
  readonly tables = ['email_outbox', 'email_watermarks'];

  constructor(private readonly repo: OutboxRepository) {}

  async exportRows(scope: SubjectScope) {
    return this.repo.exportOf(scope.siteId, scope.visitorIds);
  }

  eraseInTx(tx: Tx, scope: SubjectScope): InTx<number> {
    return this.repo.eraseInTx(tx, scope.siteId, scope.visitorIds);
  }

  readonly retention = {
    kind: 'conversations' as const,
    purgeInTx: (tx: Tx, siteId: string, cutoff: number, limit: number) => this.repo.purgeInTx(tx, siteId, cutoff, limit),
  };
}
