import { and, asc, count, desc, eq, inArray, lt, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { SQLITE_TX } from '../../db/committer.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { emailOutbox, emailWatermarks } from '../../db/schema.ts';
import type { OutboxChanges, OutboxRepository, OutboxRow, WatermarkRow } from './outbox.repository.ts';

/**
 * The outbox on SQLite: writes on their own ride the group commit (one
 * fsync per turn, as before); `…InTx` methods run in the transaction already
 * open on this connection. A claim is one statement, so two workers never
 * take the same mail even in one process.
 */
export class SqliteOutboxRepository implements OutboxRepository {
  constructor(
    private readonly db: Db,
    private readonly groupCommit: GroupCommit,
  ) {}

  insertInTx(_tx: unknown, row: OutboxRow): void {
    this.db.insert(emailOutbox).values(row).run();
  }

  insertCappedInTx(_tx: unknown, row: OutboxRow, cap: number): boolean {
    const found = this.db
      .select({ n: count() })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.siteId, row.siteId), eq(emailOutbox.conversationId, row.conversationId), eq(emailOutbox.kind, row.kind)))
      .get();
    if ((found?.n ?? 0) >= cap) return false;
    this.insertInTx(SQLITE_TX, row);
    return true;
  }

  claimDue(now: number, leaseUntil: number): Promise<OutboxRow | undefined> {
    return this.groupCommit.run(() => {
      const next = this.db
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, now)))
        .orderBy(asc(emailOutbox.nextAttemptAt))
        .limit(1);
      return this.db.update(emailOutbox).set({ nextAttemptAt: leaseUntil }).where(inArray(emailOutbox.id, next)).returning().get();
    });
  }

  settle(id: string, leaseUntil: number, changes: OutboxChanges): Promise<boolean> {
    return this.groupCommit.run(
      () =>
        this.db
          .update(emailOutbox)
          .set(changes)
          .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'pending'), eq(emailOutbox.nextAttemptAt, leaseUntil)))
          .run().changes > 0,
    );
  }

  async markBounced(id: string, reason: string): Promise<void> {
    await this.groupCommit.run(() =>
      this.db.update(emailOutbox).set({ status: 'bounced', lastError: reason }).where(eq(emailOutbox.id, id)).run(),
    );
  }

  async byId(id: string): Promise<OutboxRow | undefined> {
    return this.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get();
  }

  async ofConversation(siteId: string, conversationId: string): Promise<OutboxRow[]> {
    return this.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.siteId, siteId), eq(emailOutbox.conversationId, conversationId)))
      .orderBy(desc(emailOutbox.createdAt))
      .all();
  }

  async mailbox(siteId: string, limit: number): Promise<OutboxRow[]> {
    return this.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.siteId, siteId), eq(emailOutbox.via, 'mailbox'), eq(emailOutbox.status, 'sent')))
      .orderBy(desc(emailOutbox.sentAt))
      .limit(limit)
      .all();
  }

  async watermarks(conversationIds: readonly string[]): Promise<Map<string, number>> {
    if (conversationIds.length === 0) return new Map();
    const rows = this.db
      .select({ id: emailWatermarks.conversationId, seq: emailWatermarks.throughVisitorSeq })
      .from(emailWatermarks)
      .where(inArray(emailWatermarks.conversationId, [...conversationIds]))
      .all();
    return new Map(rows.map((r) => [r.id, r.seq]));
  }

  setWatermarkInTx(_tx: unknown, row: WatermarkRow): void {
    this.db
      .insert(emailWatermarks)
      .values(row)
      .onConflictDoUpdate({ target: emailWatermarks.conversationId, set: { throughVisitorSeq: row.throughVisitorSeq } })
      .run();
  }

  async exportOf(siteId: string, visitorIds: readonly string[]) {
    return {
      email_outbox: this.db.select().from(emailOutbox).where(outboxOf(siteId, visitorIds)).all(),
      email_watermarks: this.db.select().from(emailWatermarks).where(watermarksOf(siteId, visitorIds)).all(),
    };
  }

  eraseInTx(_tx: unknown, siteId: string, visitorIds: readonly string[]): number {
    return (
      this.db.delete(emailOutbox).where(outboxOf(siteId, visitorIds)).run().changes +
      this.db.delete(emailWatermarks).where(watermarksOf(siteId, visitorIds)).run().changes
    );
  }

  purgeInTx(_tx: unknown, siteId: string, cutoff: number, limit: number): number {
    const old = this.db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.siteId, siteId), lt(emailOutbox.createdAt, cutoff)))
      .limit(limit);
    return this.db.delete(emailOutbox).where(inArray(emailOutbox.id, old)).run().changes;
  }
}

function outboxOf(siteId: string, visitorIds: readonly string[]) {
  return and(eq(emailOutbox.siteId, siteId), inArray(emailOutbox.visitorId, [...visitorIds]));
}

function watermarksOf(siteId: string, visitorIds: readonly string[]) {
  return and(eq(emailWatermarks.siteId, siteId), inArray(emailWatermarks.visitorId, [...visitorIds]));
}
