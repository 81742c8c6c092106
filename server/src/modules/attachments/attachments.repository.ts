import { and, asc, desc, eq, inArray, isNull, lt, or, notExists, sql } from 'drizzle-orm';
import type { AttachmentInfo } from '@mostrador/shared';
import type { Db } from '../../db/client.ts';
import { attachments, conversations, meta } from '../../db/schema.ts';

export type AttachmentRow = typeof attachments.$inferSelect;

export function infoOf(row: AttachmentRow): AttachmentInfo {
  return { id: row.id, name: row.name, mime: row.mime, type: row.type, size: row.size };
}

/** Every key the storage holds for a row: the file's, and its thumbnail's once made. */
export function storedKeys(rows: readonly AttachmentRow[]): string[] {
  return rows.flatMap((r) => (r.thumbKey ? [r.storageKey, r.thumbKey] : [r.storageKey]));
}

/**
 * The only code that touches the attachments table. Every read takes the
 * caller's site: another site's id finds nothing, like a missing one.
 */
export class AttachmentsRepository {
  constructor(private readonly db: Db) {}

  byId(siteId: string, id: string): AttachmentRow | undefined {
    return this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, id), eq(attachments.siteId, siteId)))
      .get();
  }

  /** For a signed link only: the signature names the id, and only a viewer allowed to see it was ever given one. */
  byIdForLink(id: string): AttachmentRow | undefined {
    return this.db.select().from(attachments).where(eq(attachments.id, id)).get();
  }

  /** An earlier upload with the same client id by the same uploader: a retry. */
  byClientId(siteId: string, uploaderId: string, clientId: string): AttachmentRow | undefined {
    return this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.siteId, siteId), eq(attachments.uploaderId, uploaderId), eq(attachments.clientId, clientId)))
      .get();
  }

  /** Inserts the row unless a retry raced it in; returns the row that stands. */
  insert(row: AttachmentRow): AttachmentRow {
    this.db.insert(attachments).values(row).onConflictDoNothing().run();
    return this.byClientId(row.siteId, row.uploaderId, row.clientId)!;
  }

  /** These uploads of this uploader, in the order asked, whether sent yet or not (a canned reply's picture is none). */
  ofUploader(siteId: string, uploaderId: string, ids: readonly string[]): AttachmentRow[] {
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
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Binds uploads to the message that carries them. Must run inside the message's transaction. */
  bindInTx(siteId: string, ids: readonly string[], at: { conversationId: string; seq: number; visitorId: string }): void {
    this.db
      .update(attachments)
      .set(at)
      .where(
        and(
          eq(attachments.siteId, siteId),
          inArray(attachments.id, [...ids]),
          isNull(attachments.conversationId),
          isNull(attachments.cannedReplyId),
        ),
      )
      .run();
  }

  ofVisitors(siteId: string, visitorIds: readonly string[]): AttachmentRow[] {
    return this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.siteId, siteId), inArray(attachments.visitorId, [...visitorIds])))
      .orderBy(asc(attachments.createdAt))
      .all();
  }

  /** Deletes one upload if it is still unsent; the row as it was deleted (its thumbnail may have come since it was read), or undefined. */
  deleteUnsent(siteId: string, id: string): AttachmentRow | undefined {
    return this.db
      .delete(attachments)
      .where(
        and(eq(attachments.siteId, siteId), eq(attachments.id, id), isNull(attachments.conversationId), isNull(attachments.cannedReplyId)),
      )
      .returning()
      .get();
  }

  /** The oldest picture still waiting for its thumbnail, of any site: the worker answers no viewer. */
  nextThumbJob(): AttachmentRow | undefined {
    return this.db
      .select()
      .from(attachments)
      .where(eq(attachments.thumbState, 'pending'))
      .orderBy(asc(attachments.createdAt))
      .limit(1)
      .get();
  }

  /** The thumbnail is stored: 0 when the row went meanwhile (erased, discarded), and its bytes must go too. */
  thumbReady(id: string, thumbKey: string): number {
    return this.db
      .update(attachments)
      .set({ thumbState: 'ready', thumbKey })
      .where(and(eq(attachments.id, id), eq(attachments.thumbState, 'pending')))
      .run().changes;
  }

  /** A try failed: for good when `final`, or after `maxAttempts` passing failures. */
  thumbFailed(id: string, final: boolean, maxAttempts: number): void {
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

  /** Files sent in these visitors' conversations, newest first. */
  sentToVisitors(siteId: string, visitorIds: readonly string[], limit: number): AttachmentRow[] {
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

  deleteByIds(ids: readonly string[]): number {
    return ids.length === 0
      ? 0
      : this.db
          .delete(attachments)
          .where(inArray(attachments.id, [...ids]))
          .run().changes;
  }

  /**
   * Up to `limit` uploads of any site never sent in a message and older than
   * `cutoff`, for the housekeeping sweep: it answers no viewer, so it takes no site.
   */
  unsentBefore(cutoff: number, limit: number): AttachmentRow[] {
    return this.db
      .select()
      .from(attachments)
      .where(and(isNull(attachments.conversationId), isNull(attachments.cannedReplyId), lt(attachments.createdAt, cutoff)))
      .limit(limit)
      .all();
  }

  /**
   * Up to `limit` rows past retention: files of closed conversations last
   * changed before `cutoff`, of conversations that are gone, and uploads
   * never sent that are older than `cutoff`.
   */
  expired(siteId: string, cutoff: number, limit: number): AttachmentRow[] {
    const live = this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.id, attachments.conversationId),
          or(eq(conversations.status, 'open'), sql`${conversations.updatedAt} >= ${cutoff}`),
        ),
      );
    return this.db
      .select()
      .from(attachments)
      .where(
        and(
          eq(attachments.siteId, siteId),
          or(
            and(isNull(attachments.conversationId), isNull(attachments.cannedReplyId), lt(attachments.createdAt, cutoff)),
            and(sql`${attachments.conversationId} IS NOT NULL`, notExists(live)),
          ),
        ),
      )
      .limit(limit)
      .all();
  }

  /** The pictures these canned replies keep. */
  keptBy(siteId: string, replyIds: readonly string[]): AttachmentRow[] {
    return replyIds.length === 0
      ? []
      : this.db
          .select()
          .from(attachments)
          .where(and(eq(attachments.siteId, siteId), inArray(attachments.cannedReplyId, [...replyIds])))
          .all();
  }

  /** The upload becomes the reply's picture: out of the uploader's unsent files for good. */
  keep(siteId: string, id: string, replyId: string): void {
    this.db
      .update(attachments)
      .set({ cannedReplyId: replyId })
      .where(and(eq(attachments.siteId, siteId), eq(attachments.id, id), isNull(attachments.conversationId)))
      .run();
  }

  /** The install's link-signing key, made on first use and kept with the data (every server of a cluster shares it). */
  signingKey(make: () => string): string {
    const found = this.db.select().from(meta).where(eq(meta.key, 'attachment_link_key')).get();
    if (found) return found.value;
    this.db.insert(meta).values({ key: 'attachment_link_key', value: make() }).onConflictDoNothing().run();
    return this.db.select().from(meta).where(eq(meta.key, 'attachment_link_key')).get()!.value;
  }
}
