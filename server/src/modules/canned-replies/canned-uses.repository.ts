import type { cannedReplyUses } from '../../db/schema.ts';

/** The same row on both engines (schema-parity.test.ts). */
export type CannedUseRow = typeof cannedReplyUses.$inferSelect;

export type RecentUse = Pick<CannedUseRow, 'replyId' | 'conversationId' | 'seq'>;

/**
 * The only code that touches canned_reply_uses for the suggestions, on either engine
 * (canned-uses.repository.test.ts holds both to one contract); every read and write takes the site.
 */
export interface CannedUsesRepository {
  insert(row: Omit<CannedUseRow, 'id'>): Promise<void>;
  /** The site's latest uses, newest first (the later row first among uses of one moment). */
  recent(siteId: string, limit: number): Promise<RecentUse[]>;
}

/**
 * A shopper's uses, for the privacy registry: synchronous, as its export and erasure run inside one SQLite
 * transaction. SQLite only until the registry moves to both engines as a whole.
 */
export interface CannedUsesOfSubject {
  inConversations(siteId: string, conversationIds: readonly string[]): CannedUseRow[];
  deleteInConversations(siteId: string, conversationIds: readonly string[]): number;
}
