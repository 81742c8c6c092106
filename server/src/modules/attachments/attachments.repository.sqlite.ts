import { and, asc, desc, eq, inArray, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { attachments, conversations, meta } from '../../db/schema.ts';
import { inOrderAsked, type AttachmentRow, type AttachmentsRepository, type MessagePlace } from './attachments.repository.ts';

/** An upload not sent in a message and not a canned reply's picture. */
const unsent = and(isNull(attachments.conversationId), isNull(attachments.cannedReplyId));

/**
 * The attachments table on SQLite. `…InTx` methods run synchronously in the
 * transaction already open on this connection (the message's group commit),
 * so the message path never waits; the sweep's batches ride the group commit, as before.
 */
export class SqliteAttachmentsRepository implements AttachmentsRepository {
  constructor(
    private readonly db: Db,
    private readonly groupCommit: GroupCommit,
  ) {}

  async byId(siteId: string, id: string): Promise<AttachmentRow | undefined> {
    return this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, id), eq(attachments.siteId, siteId)))
      .get();
  }

  async byIdForLink(id: string): Promise<AttachmentRow | undefined> {
    return this.db.select().from(attachments).where(eq(attachments.id, id)).get();
  }

  async byClientId(siteId: string, uploaderId: string, clientId: string): Promise<AttachmentRow | undefined> {
    return this.#byClientId(siteId, uploaderId, clientId);
  }

  #byClientId(siteId: string, uploaderId: string, clientId: string): AttachmentRow | undefined {
    return this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.siteId, siteId), eq(attachments.uploaderId, uploaderId), eq(attachments.clientId, clientId)))
      .get();
  }

  async insert(row: AttachmentRow): Promise<AttachmentRow> {
    this.db.insert(attachments).values(row).onConflictDoNothing().run();
    return this.#byClientId(row.siteId, row.uploaderId, row.clientId)!;
  }

  async ofUploader(siteId: string, uploaderId: string, ids: readonly string[]): Promise<AttachmentRow[]> {
    return this.ofUploaderInTx(undefined, siteId, uploaderId, ids);
  }

  ofUploaderInTx(_tx: unknown, siteId: string, uploaderId: string, ids: readonly string[]): AttachmentRow[] {
    const rows = this.db
      .select()
      .from(attachments)
      .where(
        and(
          eq(attachments.siteId, siteId),
          eq(attachments.uploaderId, uploaderId),
          inArray(attachments.id, [...ids]),
          // A canned reply's picture is no longer an upload: a message takes a copy of it, never the picture itself.
          isNull(attachments.cannedReplyId),
        ),
      )
      .all();
    return inOrderAsked(rows, ids);
  }

  bindInTx(_tx: unknown, siteId: string, ids: readonly string[], at: MessagePlace): number {
    return this.db
      .update(attachments)
      .set(at)
      .where(and(eq(attachments.siteId, siteId), inArray(attachments.id, [...ids]), unsent))
      .run().changes;
  }

  async ofVisitors(siteId: string, visitorIds: readonly string[]): Promise<AttachmentRow[]> {
    return this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.siteId, siteId), inArray(attachments.visitorId, [...visitorIds])))
      .orderBy(asc(attachments.createdAt), asc(attachments.id))
      .all();
  }

  async sentToVisitors(siteId: string, visitorIds: readonly string[], limit: number): Promise<AttachmentRow[]> {
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
      .limit(limit)
      .all();
  }

  async deleteUnsent(siteId: string, id: string): Promise<AttachmentRow | undefined> {
    return this.db
      .delete(attachments)
      .where(and(eq(attachments.siteId, siteId), eq(attachments.id, id), unsent))
      .returning()
      .get();
  }

  async deleteByIds(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db
      .delete(attachments)
      .where(inArray(attachments.id, [...ids]))
      .run().changes;
  }

  deleteUnsentBefore(cutoff: number, limit: number): Promise<AttachmentRow[]> {
    return this.groupCommit.run(() => {
      const old = this.db
        .select({ id: attachments.id })
        .from(attachments)
        .where(and(unsent, lt(attachments.createdAt, cutoff)))
        .limit(limit);
      return this.db.delete(attachments).where(inArray(attachments.id, old)).returning().all();
    });
  }

  async stillThere(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = this.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(inArray(attachments.id, [...ids]))
      .all();
    return new Set(rows.map((r) => r.id));
  }

  async nextThumbJob(): Promise<AttachmentRow | undefined> {
    return this.db
      .select()
      .from(attachments)
      .where(eq(attachments.thumbState, 'pending'))
      .orderBy(asc(attachments.createdAt))
      .limit(1)
      .get();
  }

  async thumbReady(id: string, thumbKey: string): Promise<number> {
    return this.db
      .update(attachments)
      .set({ thumbState: 'ready', thumbKey })
      .where(and(eq(attachments.id, id), eq(attachments.thumbState, 'pending')))
      .run().changes;
  }

  async thumbFailed(id: string, final: boolean, maxAttempts: number): Promise<void> {
    const attempts = sql`${attachments.thumbAttempts} + 1`;
    this.db
      .update(attachments)
      .set({
        thumbAttempts: attempts,
        thumbState: final ? 'failed' : sql`CASE WHEN ${attempts} >= ${maxAttempts} THEN 'failed' ELSE 'pending' END`,
      })
      .where(and(eq(attachments.id, id), eq(attachments.thumbState, 'pending')))
      .run();
  }

  async keptBy(siteId: string, replyIds: readonly string[]): Promise<AttachmentRow[]> {
    if (replyIds.length === 0) return [];
    return this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.siteId, siteId), inArray(attachments.cannedReplyId, [...replyIds])))
      .all();
  }

  async keep(siteId: string, id: string, replyId: string): Promise<boolean> {
    return (
      this.db
        .update(attachments)
        .set({ cannedReplyId: replyId })
        .where(
          and(
            eq(attachments.siteId, siteId),
            eq(attachments.id, id),
            isNull(attachments.conversationId),
            or(isNull(attachments.cannedReplyId), eq(attachments.cannedReplyId, replyId)),
          ),
        )
        .run().changes > 0
    );
  }

  async signingKey(make: () => string): Promise<string> {
    const found = this.db.select().from(meta).where(eq(meta.key, 'attachment_link_key')).get();
    if (found) return found.value;
    this.db.insert(meta).values({ key: 'attachment_link_key', value: make() }).onConflictDoNothing().run();
    return this.db.select().from(meta).where(eq(meta.key, 'attachment_link_key')).get()!.value;
  }

  eraseVisitorsInTx(_tx: unknown, siteId: string, visitorIds: readonly string[]): AttachmentRow[] {
    return this.db
      .delete(attachments)
      .where(and(eq(attachments.siteId, siteId), inArray(attachments.visitorId, [...visitorIds])))
      .returning()
      .all();
  }

  purgeExpiredInTx(_tx: unknown, siteId: string, cutoff: number, limit: number): AttachmentRow[] {
    const live = this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.id, attachments.conversationId),
          or(eq(conversations.status, 'open'), sql`${conversations.updatedAt} >= ${cutoff}`),
        ),
      );
    const old = this.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(
        and(
          eq(attachments.siteId, siteId),
          or(and(unsent, lt(attachments.createdAt, cutoff)), and(sql`${attachments.conversationId} IS NOT NULL`, notExists(live))),
        ),
      )
      .limit(limit);
    return this.db.delete(attachments).where(inArray(attachments.id, old)).returning().all();
  }
}
