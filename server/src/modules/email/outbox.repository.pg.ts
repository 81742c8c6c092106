import { and, asc, count, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import { pgTxOf, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { emailOutbox, emailWatermarks } from '../../db/pg/schema/index.ts';
import type { OutboxChanges, OutboxRepository, OutboxRow, WatermarkRow } from './outbox.repository.ts';

/**
 * The outbox on PostgreSQL, shared by every node. A claim is one
 * `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING`: two
 * workers asking at once take two different mails, never one twice, and
 * neither waits on the other's row.
 */
export class PgOutboxRepository implements OutboxRepository {
  constructor(private readonly db: PgDb) {}

  async insertInTx(tx: Tx, row: OutboxRow): Promise<void> {
    await pgTxOf(tx).insert(emailOutbox).values(row);
  }

  async insertCappedInTx(tx: Tx, row: OutboxRow, cap: number): Promise<boolean> {
    const db = pgTxOf(tx);
    // One request at a time per conversation, on every node, until this transaction ends: the count then holds for the insert.
    await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`email_outbox:${row.conversationId}`}, 0))`);
    const [found] = await db
      .select({ n: count() })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.siteId, row.siteId), eq(emailOutbox.conversationId, row.conversationId), eq(emailOutbox.kind, row.kind)));
    if ((found?.n ?? 0) >= cap) return false;
    await db.insert(emailOutbox).values(row);
    return true;
  }

  async claimDue(now: number, leaseUntil: number): Promise<OutboxRow | undefined> {
    const next = this.db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, now)))
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(1)
      .for('update', { skipLocked: true });
    const [claimed] = await this.db.update(emailOutbox).set({ nextAttemptAt: leaseUntil }).where(inArray(emailOutbox.id, next)).returning();
    return claimed;
  }

  async settle(id: string, leaseUntil: number, changes: OutboxChanges): Promise<boolean> {
    const result = await this.db
      .update(emailOutbox)
      .set(changes)
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'pending'), eq(emailOutbox.nextAttemptAt, leaseUntil)));
    return (result.rowCount ?? 0) > 0;
  }

  async markBounced(id: string, reason: string): Promise<void> {
    await this.db.update(emailOutbox).set({ status: 'bounced', lastError: reason }).where(eq(emailOutbox.id, id));
  }

  async byId(id: string): Promise<OutboxRow | undefined> {
    const [row] = await this.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    return row;
  }

  ofConversation(siteId: string, conversationId: string): Promise<OutboxRow[]> {
    return this.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.siteId, siteId), eq(emailOutbox.conversationId, conversationId)))
      .orderBy(desc(emailOutbox.createdAt));
  }

  mailbox(siteId: string, limit: number): Promise<OutboxRow[]> {
    return this.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.siteId, siteId), eq(emailOutbox.via, 'mailbox'), eq(emailOutbox.status, 'sent')))
      .orderBy(desc(emailOutbox.sentAt))
      .limit(limit);
  }

  async watermarks(conversationIds: readonly string[]): Promise<Map<string, number>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await this.db
      .select({ id: emailWatermarks.conversationId, seq: emailWatermarks.throughVisitorSeq })
      .from(emailWatermarks)
      .where(inArray(emailWatermarks.conversationId, [...conversationIds]));
    return new Map(rows.map((r) => [r.id, r.seq]));
  }

  async setWatermarkInTx(tx: Tx, row: WatermarkRow): Promise<void> {
    await pgTxOf(tx)
      .insert(emailWatermarks)
      .values(row)
      .onConflictDoUpdate({ target: emailWatermarks.conversationId, set: { throughVisitorSeq: row.throughVisitorSeq } });
  }

  async exportOf(siteId: string, visitorIds: readonly string[]) {
    const [outbox, marks] = await Promise.all([
      this.db.select().from(emailOutbox).where(outboxOf(siteId, visitorIds)),
      this.db.select().from(emailWatermarks).where(watermarksOf(siteId, visitorIds)),
    ]);
    return { email_outbox: outbox, email_watermarks: marks };
  }

  async eraseInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): Promise<number> {
    const db = pgTxOf(tx);
    const mails = await db.delete(emailOutbox).where(outboxOf(siteId, visitorIds));
    const marks = await db.delete(emailWatermarks).where(watermarksOf(siteId, visitorIds));
    return (mails.rowCount ?? 0) + (marks.rowCount ?? 0);
  }

  async purgeInTx(tx: Tx, siteId: string, cutoff: number, limit: number): Promise<number> {
    const db = pgTxOf(tx);
    const old = db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.siteId, siteId), lt(emailOutbox.createdAt, cutoff)))
      .limit(limit);
    const result = await db.delete(emailOutbox).where(inArray(emailOutbox.id, old));
    return result.rowCount ?? 0;
  }
}

function outboxOf(siteId: string, visitorIds: readonly string[]) {
  return and(eq(emailOutbox.siteId, siteId), inArray(emailOutbox.visitorId, [...visitorIds]));
}

function watermarksOf(siteId: string, visitorIds: readonly string[]) {
  return and(eq(emailWatermarks.siteId, siteId), inArray(emailWatermarks.visitorId, [...visitorIds]));
}
