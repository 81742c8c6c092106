import { andThen, type InTx, type Tx } from '../../db/committer.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';
import type { CannedUsesOfSubject } from './canned-uses.repository.ts';

/** A subject's conversations, from the conversations module (which owns their table). */
export interface SubjectConversations {
  idsOfVisitors(siteId: string, visitorIds: readonly string[]): Promise<string[]>;
  idsOfVisitorsInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): InTx<string[]>;
}

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
    private readonly conversations: SubjectConversations,
  ) {}

  async exportRows(scope: SubjectScope) {
    const ids = await this.conversations.idsOfVisitors(scope.siteId, scope.visitorIds);
    return { canned_reply_uses: await this.uses.inConversations(scope.siteId, ids) };
  }

  eraseInTx(tx: Tx, scope: SubjectScope): InTx<number> {
    return andThen(this.conversations.idsOfVisitorsInTx(tx, scope.siteId, scope.visitorIds), (ids) =>
      this.uses.deleteInConversationsInTx(tx, scope.siteId, ids),
    );
  }
}
