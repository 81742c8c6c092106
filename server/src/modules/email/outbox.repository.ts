import { and, asc, count, desc, eq, inArray, lt, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { emailOutbox, emailWatermarks } from '../../db/schema.ts';

export type OutboxRow = typeof emailOutbox.$inferSelect;
export type OutboxChanges = Partial<Pick<OutboxRow, 'status' | 'via' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt'>>;

/** The only code touching `email_outbox` and `email_watermarks`. Reads by conversation or mailbox take the site. */
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  insert(row: OutboxRow): void {
    this.db.insert(emailOutbox).values(row).run();
  }

  /** Mail whose next attempt is due, oldest first, on any site: the worker's batch. */
  due(now: number, limit: number): OutboxRow[] {
    return this.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, now)))
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(limit)
      .all();
  }

  update(id: string, changes: OutboxChanges): void {
    this.db.update(emailOutbox).set(changes).where(eq(emailOutbox.id, id)).run();
  }

  byId(id: string): OutboxRow | undefined {
    return this.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get();
  }

  ofConversation(siteId: string, conversationId: string): OutboxRow[] {
    return this.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.siteId, siteId), eq(emailOutbox.conversationId, conversationId)))
      .orderBy(desc(emailOutbox.createdAt))
      .all();
  }

  countOf(siteId: string, conversationId: string, kind: OutboxRow['kind']): number {
    const row = this.db
      .select({ n: count() })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.siteId, siteId), eq(emailOutbox.conversationId, conversationId), eq(emailOutbox.kind, kind)))
      .get();
    return row?.n ?? 0;
  }

  /** The site's local mailbox: mail delivered with no SMTP server, newest first. */
  mailbox(siteId: string, limit: number): OutboxRow[] {
    return this.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.siteId, siteId), eq(emailOutbox.via, 'mailbox'), eq(emailOutbox.status, 'sent')))
      .orderBy(desc(emailOutbox.sentAt))
      .limit(limit)
      .all();
  }

  watermarks(conversationIds: readonly string[]): Map<string, number> {
    if (conversationIds.length === 0) return new Map();
    const rows = this.db
      .select({ id: emailWatermarks.conversationId, seq: emailWatermarks.throughVisitorSeq })
      .from(emailWatermarks)
      .where(inArray(emailWatermarks.conversationId, [...conversationIds]))
      .all();
    return new Map(rows.map((r) => [r.id, r.seq]));
  }

  setWatermark(row: typeof emailWatermarks.$inferInsert): void {
    this.db
      .insert(emailWatermarks)
      .values(row)
      .onConflictDoUpdate({ target: emailWatermarks.conversationId, set: { throughVisitorSeq: row.throughVisitorSeq } })
      .run();
  }

  // Privacy: a subject's rows, by visitor; old rows, by age.

  exportOf(siteId: string, visitorIds: readonly string[]) {
    return {
      email_outbox: this.db.select().from(emailOutbox).where(this.#outboxOf(siteId, visitorIds)).all(),
      email_watermarks: this.db.select().from(emailWatermarks).where(this.#watermarksOf(siteId, visitorIds)).all(),
    };
  }

  eraseOf(siteId: string, visitorIds: readonly string[]): number {
    return (
      this.db.delete(emailOutbox).where(this.#outboxOf(siteId, visitorIds)).run().changes +
      this.db.delete(emailWatermarks).where(this.#watermarksOf(siteId, visitorIds)).run().changes
    );
  }

  /** Deletes up to `limit` finished mails created before `cutoff`. */
  purgeOlderThan(siteId: string, cutoff: number, limit: number): number {
    const ids = this.db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.siteId, siteId), lt(emailOutbox.createdAt, cutoff)))
      .limit(limit)
      .all()
      .map((r) => r.id);
    return ids.length === 0 ? 0 : this.db.delete(emailOutbox).where(inArray(emailOutbox.id, ids)).run().changes;
  }

  #outboxOf(siteId: string, visitorIds: readonly string[]) {
    return and(eq(emailOutbox.siteId, siteId), inArray(emailOutbox.visitorId, [...visitorIds]));
  }

  #watermarksOf(siteId: string, visitorIds: readonly string[]) {
    return and(eq(emailWatermarks.siteId, siteId), inArray(emailWatermarks.visitorId, [...visitorIds]));
  }
}
