import type { cannedReplies } from '../../db/schema.ts';

/** The same row on both engines (schema-parity.test.ts). */
export type CannedReplyRow = typeof cannedReplies.$inferSelect;

/**
 * The only code that touches canned_replies, on either engine (canned-replies.repository.test.ts holds both to
 * one contract). Every read and write takes the site and the agent, and sees only the team's replies and that
 * agent's own: another site's or colleague's personal reply is not found.
 */
export interface CannedRepliesRepository {
  /**
   * All in one statement: the rows are written together or not at all. False, and nothing written, when a
   * row's shortcut is taken (among the site's team replies, or the same agent's own), however many nodes
   * write at once.
   */
  insert(rows: CannedReplyRow[]): Promise<boolean>;
  byId(siteId: string, agentId: string, id: string): Promise<CannedReplyRow | undefined>;
  /** By shortcut, in byte order on both engines (then by id, for replies sharing one). */
  list(siteId: string, agentId: string): Promise<CannedReplyRow[]>;
  /** The row as updated; undefined when the agent cannot see it; 'taken' when its new shortcut is another reply's. */
  update(siteId: string, agentId: string, id: string, changes: Partial<CannedReplyRow>): Promise<CannedReplyRow | 'taken' | undefined>;
  /** Whether a row was deleted. */
  delete(siteId: string, agentId: string, id: string): Promise<boolean>;
  /** An agent's personal replies go with them when their account is erased. */
  deleteOwnedBy(siteId: string, agentId: string): Promise<void>;
}
