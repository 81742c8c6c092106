import type { InTx, Tx } from '../../db/committer.ts';
import type { cannedReplyUses } from '../../db/schema.ts';

/** The same row on both engines (schema-parity.test.ts). */
export type CannedUseRow = typeof cannedReplyUses.$inferSelect;

export type RecentUse = Pick<CannedUseRow, 'replyId' | 'conversationId' | 'seq'>;

/**
 * The only code that touches canned_reply_uses for the suggestions, on either engine
 * (canned-uses.repository.test.ts holds both to one contract); every read and write takes the site.
 */
export interface CannedUsesRepository extends CannedUsesOfSubject {
  insert(row: Omit<CannedUseRow, 'id'>): Promise<void>;
  /** The site's latest uses, newest first (the later row first among uses of one moment). */
  recent(siteId: string, limit: number): Promise<RecentUse[]>;
}

/** A shopper's uses, for the privacy registry: exported, and erased inside the erasure's transaction. */
export interface CannedUsesOfSubject {
  /** The site's uses in these conversations, in the order they were written. */
  inConversations(siteId: string, conversationIds: readonly string[]): Promise<CannedUseRow[]>;
  /** Removes them; returns how many went. */
  deleteInConversationsInTx(tx: Tx, siteId: string, conversationIds: readonly string[]): InTx<number>;
}
