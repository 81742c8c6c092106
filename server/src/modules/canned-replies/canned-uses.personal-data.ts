import type { Tx } from '../../db/committer.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';
import type { CannedUsesOfSubject } from './canned-uses.repository.ts';

/**
 * Which canned replies agents used in a shopper's conversations. The rows hold ids and a seq, no text, but they
 * point at the shopper's messages, so they are the shopper's data: exported with them and erased before the
 * conversations (registered after them). Retention needs nothing here: purging a conversation deletes its rows
 * by ON DELETE CASCADE.
 */
export class CannedUsesPersonalData implements PersonalDataSource {
  readonly tables = ['canned_reply_uses'];

  constructor(
    private readonly uses: CannedUsesOfSubject,
    /** The subject's conversation ids, from the conversations module. */
    private readonly conversationIdsOf: (siteId: string, visitorIds: readonly string[]) => string[],
  ) {}

  async exportRows(scope: SubjectScope) {
    return { canned_reply_uses: this.uses.inConversations(scope.siteId, this.#ids(scope)) };
  }

  eraseInTx(_tx: Tx, scope: SubjectScope): number {
    return this.uses.deleteInConversations(scope.siteId, this.#ids(scope));
  }

  #ids(scope: SubjectScope): string[] {
    return this.conversationIdsOf(scope.siteId, scope.visitorIds);
  }
}
