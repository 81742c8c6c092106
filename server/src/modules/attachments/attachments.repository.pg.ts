import { and, asc, desc, eq, inArray, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import { pgTxOf, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { attachments, conversations, meta } from '../../db/pg/schema/index.ts';
import { inOrderAsked, type AttachmentRow, type AttachmentsRepository, type MessagePlace } from './attachments.repository.ts';

/** An upload not sent in a message and not a canned reply's picture. */
const unsent = and(isNull(attachments.conversationId), isNull(attachments.cannedReplyId));

/**
 * The attachments table on PostgreSQL, shared by every node. A message's
 * claim locks its files (`FOR UPDATE`) until the message commits, and every
 * change of state is a conditional update or a `DELETE … RETURNING`, so a
 * file is bound to one message, discarded, kept or swept by one node only.
 */
export class PgAttachmentsRepository implements AttachmentsRepository {
  constructor(private readonly db: PgDb) {}

  async byId(siteId: string, id: string): Promise<AttachmentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, id), eq(attachments.siteId, siteId)));
    return row;
  }

  async byIdForLink(id: string): Promise<AttachmentRow | undefined> {
    const [row] = await this.db.select().from(attachments).where(eq(attachments.id, id));
    return row;
  }

  async byClientId(siteId: string, uploaderId: string, clientId: string): Promise<AttachmentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.siteId, siteId), eq(attachments.uploaderId, uploaderId), eq(attachments.clientId, clientId)));
    return row;
  }

  async insert(row: AttachmentRow): Promise<AttachmentRow> {
    await this.db.insert(attachments).values(row).onConflictDoNothing();
    return (await this.byClientId(row.siteId, row.uploaderId, row.clientId))!;
  }

  async ofUploader(siteId: string, uploaderId: string, ids: readonly string[]): Promise<AttachmentRow[]> {
    return inOrderAsked(
      await this.db
        .select()
        .from(attachments)
        .where(uploadsOf(siteId, uploaderId, ids)),
      ids,
    );
  }

  async ofUploaderInTx(tx: Tx, siteId: string, uploaderId: string, ids: readonly string[]): Promise<AttachmentRow[]> {
    // Locked in id order, so two messages claiming overlapping files cannot deadlock.
    const rows = await pgTxOf(tx)
      .select()
      .from(attachments)
      .where(uploadsOf(siteId, uploaderId, ids))
      .orderBy(asc(attachments.id))
      .for('update');
    return inOrderAsked(rows, ids);
  }

  async bindInTx(tx: Tx, siteId: string, ids: readonly string[], at: MessagePlace): Promise<number> {
    const result = await pgTxOf(tx)
      .update(attachments)
      .set(at)
      .where(and(eq(attachments.siteId, siteId), inArray(attachments.id, [...ids]), unsent));
    return result.rowCount ?? 0;
  }

  ofVisitors(siteId: string, visitorIds: readonly string[]): Promise<AttachmentRow[]> {
    return this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.siteId, siteId), inArray(attachments.visitorId, [...visitorIds])))
      .orderBy(asc(attachments.createdAt), asc(attachments.id));
  }

  sentToVisitors(siteId: string, visitorIds: readonly string[], limit: number): Promise<AttachmentRow[]> {
    return this.db
      .select()
      .from(attachments)
      .where(
        and(
          eq(attachments.siteId, siteId),
          inArray(attachments.visitorId, [...visitorIds]),
          sql`${attachments.conversationId} IS NOT NULL`,
        ),
      )
      .orderBy(desc(attachments.createdAt), desc(attachments.id))
      .limit(limit);
  }

  async deleteUnsent(siteId: string, id: string): Promise<AttachmentRow | undefined> {
    const [row] = await this.db
      .delete(attachments)
      .where(and(eq(attachments.siteId, siteId), eq(attachments.id, id), unsent))
      .returning();
    return row;
  }

  async deleteByIds(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db.delete(attachments).where(inArray(attachments.id, [...ids]));
    return result.rowCount ?? 0;
  }

  deleteUnsentBefore(cutoff: number, limit: number): Promise<AttachmentRow[]> {
    const old = this.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(unsent, lt(attachments.createdAt, cutoff)))
      .limit(limit)
      .for('update', { skipLocked: true });
    return this.db.delete(attachments).where(inArray(attachments.id, old)).returning();
  }

  async stillThere(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    // The lock waits for a transaction deleting these rows to end: committed, they are gone; rolled back, they are here.
    const rows = await this.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(inArray(attachments.id, [...ids]))
      .for('update');
    return new Set(rows.map((r) => r.id));
  }

  async nextThumbJob(): Promise<AttachmentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(attachments)
      .where(eq(attachments.thumbState, 'pending'))
      .orderBy(asc(attachments.createdAt))
      .limit(1);
    return row;
  }

  async thumbReady(id: string, thumbKey: string): Promise<number> {
    const result = await this.db
      .update(attachments)
      .set({ thumbState: 'ready', thumbKey })
      .where(and(eq(attachments.id, id), eq(attachments.thumbState, 'pending')));
    return result.rowCount ?? 0;
  }

  async thumbFailed(id: string, final: boolean, maxAttempts: number): Promise<void> {
    const attempts = sql`${attachments.thumbAttempts} + 1`;
    await this.db
      .update(attachments)
      .set({
        thumbAttempts: attempts,
        thumbState: final ? 'failed' : sql`CASE WHEN ${attempts} >= ${maxAttempts} THEN 'failed' ELSE 'pending' END`,
      })
      .where(and(eq(attachments.id, id), eq(attachments.thumbState, 'pending')));
  }

  async keptBy(siteId: string, replyIds: readonly string[]): Promise<AttachmentRow[]> {
    if (replyIds.length === 0) return [];
    return this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.siteId, siteId), inArray(attachments.cannedReplyId, [...replyIds])));
  }

  async keep(siteId: string, id: string, replyId: string): Promise<boolean> {
    const result = await this.db
      .update(attachments)
      .set({ cannedReplyId: replyId })
      .where(
        and(
          eq(attachments.siteId, siteId),
          eq(attachments.id, id),
          isNull(attachments.conversationId),
          or(isNull(attachments.cannedReplyId), eq(attachments.cannedReplyId, replyId)),
        ),
      );
    return (result.rowCount ?? 0) > 0;
  }

  async signingKey(make: () => string): Promise<string> {
    // Two nodes starting at once: one key is written, and both read it.
    await this.db.insert(meta).values({ key: 'attachment_link_key', value: make() }).onConflictDoNothing();
    const [row] = await this.db.select().from(meta).where(eq(meta.key, 'attachment_link_key'));
    return row!.value;
  }

  // Async, not the query itself: andThen tells a step's promise from its value with instanceof Promise, and a query is only thenable.
  async eraseVisitorsInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): Promise<AttachmentRow[]> {
    return await pgTxOf(tx)
      .delete(attachments)
      .where(and(eq(attachments.siteId, siteId), inArray(attachments.visitorId, [...visitorIds])))
      .returning();
  }

  async purgeExpiredInTx(tx: Tx, siteId: string, cutoff: number, limit: number): Promise<AttachmentRow[]> {
    const db = pgTxOf(tx);
    const live = db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.id, attachments.conversationId),
          or(eq(conversations.status, 'open'), sql`${conversations.updatedAt} >= ${cutoff}`),
        ),
      );
    const old = db
      .select({ id: attachments.id })
      .from(attachments)
      .where(
        and(
          eq(attachments.siteId, siteId),
          or(and(unsent, lt(attachments.createdAt, cutoff)), and(sql`${attachments.conversationId} IS NOT NULL`, notExists(live))),
        ),
      )
      .limit(limit);
    return await db.delete(attachments).where(inArray(attachments.id, old)).returning();
  }
}

function uploadsOf(siteId: string, uploaderId: string, ids: readonly string[]) {
  // A canned reply's picture is no longer an upload: a message takes a copy of it, never the picture itself.
  return and(
    eq(attachments.siteId, siteId),
    eq(attachments.uploaderId, uploaderId),
    inArray(attachments.id, [...ids]),
    isNull(attachments.cannedReplyId),
  );
}
