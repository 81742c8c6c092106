import type { InTx, Tx } from '../../db/committer.ts';
import type { emailOutbox, emailWatermarks } from '../../db/schema.ts';

/** The same on both engines (schema-parity.test.ts). */
export type OutboxRow = typeof emailOutbox.$inferSelect;
export type OutboxChanges = Partial<Pick<OutboxRow, 'status' | 'via' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt'>>;
export type WatermarkRow = typeof emailWatermarks.$inferInsert;

/**
 * The only code touching `email_outbox` and `email_watermarks`, on either
 * engine (outbox.repository.test.ts holds both to one contract). Reads by
 * conversation or mailbox take the site. `…InTx` methods write inside the
 * caller's committed step, with whatever made the mail due.
 */
export interface OutboxRepository {
  insertInTx(tx: Tx, row: OutboxRow): InTx<void>;
  /**
   * Inserts the mail unless its conversation already has `cap` mails of its
   * kind; false when it had. The count and the insert are one step that no
   * other node's step interleaves with (PostgreSQL: a lock per conversation).
   */
  insertCappedInTx(tx: Tx, row: OutboxRow, cap: number): InTx<boolean>;
  /**
   * Claims the oldest mail due at `now`, of any site, for one attempt: its
   * next attempt moves to `leaseUntil`, so no other worker (on this node or
   * another) takes it before the lease ends. A worker that dies mid-send
   * leaves it to be tried again then: sent twice at worst, never lost.
   */
  claimDue(now: number, leaseUntil: number): Promise<OutboxRow | undefined>;
  /** An attempt's outcome, written only while the claim still holds (its lease untouched); false when it no longer did. */
  settle(id: string, leaseUntil: number, changes: OutboxChanges): Promise<boolean>;
  /** A mail that went out came back: it shows as bounced. */
  markBounced(id: string, reason: string): Promise<void>;
  byId(id: string): Promise<OutboxRow | undefined>;
  ofConversation(siteId: string, conversationId: string): Promise<OutboxRow[]>;
  /** The site's local mailbox: mail delivered with no SMTP server, newest first. */
  mailbox(siteId: string, limit: number): Promise<OutboxRow[]>;
  /** The reply mailer's watermark of each conversation that has one. */
  watermarks(conversationIds: readonly string[]): Promise<Map<string, number>>;
  setWatermarkInTx(tx: Tx, row: WatermarkRow): InTx<void>;

  // Privacy: a subject's rows, by visitor; old rows, by age.

  exportOf(siteId: string, visitorIds: readonly string[]): Promise<{ email_outbox: OutboxRow[]; email_watermarks: WatermarkRow[] }>;
  /** Deletes the visitors' mail and watermarks on the site; how many rows went. */
  eraseInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): InTx<number>;
  /** Deletes up to `limit` of the site's mails created before `cutoff`. */
  purgeInTx(tx: Tx, siteId: string, cutoff: number, limit: number): InTx<number>;
}
