import type { cannedReplies } from '../../db/schema.ts';

/** The same row on both engines (schema-parity.test.ts). */
export type CannedReplyRow = typeof cannedReplies.$inferSelect;

/**
 * The only code that touches canned_replies, on either engine (canned-replies.repository.test.ts holds both to
 * one contract). Every read and write takes the site and the agent, and sees only the team's replies and that
 * agent's own: another site's or colleague's personal reply is not found.
 */
export interface CannedRepliesRepository {
  /** All in one statement: the rows are written together or not at all. */
  insert(rows: CannedReplyRow[]): Promise<void>;
  byId(siteId: string, agentId: string, id: string): Promise<CannedReplyRow | undefined>;
  /** By shortcut, in byte order on both engines (then by id, for replies sharing one). */
  list(siteId: string, agentId: string): Promise<CannedReplyRow[]>;
  /** The row as updated, or undefined when the agent cannot see it. */
  update(siteId: string, agentId: string, id: string, changes: Partial<CannedReplyRow>): Promise<CannedReplyRow | undefined>;
  /** Whether a row was deleted. */
  delete(siteId: string, agentId: string, id: string): Promise<boolean>;
  /** An agent's personal replies go with them when their account is erased. */
  deleteOwnedBy(siteId: string, agentId: string): Promise<void>;
}
