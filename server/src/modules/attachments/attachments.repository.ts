import type { AttachmentInfo } from '@mostrador/shared';
import type { InTx, Tx } from '../../db/committer.ts';
import type { attachments } from '../../db/schema.ts';

/** The same on both engines (schema-parity.test.ts). */
export type AttachmentRow = typeof attachments.$inferSelect;
/** Where a message binds its files. */
export type MessagePlace = { conversationId: string; seq: number; visitorId: string };

export function infoOf(row: AttachmentRow): AttachmentInfo {
  return { id: row.id, name: row.name, mime: row.mime, type: row.type, size: row.size };
}

/** Every key the storage holds for a row: the file's, and its thumbnail's once made. */
export function storedKeys(rows: readonly AttachmentRow[]): string[] {
  return rows.flatMap((r) => (r.thumbKey ? [r.storageKey, r.thumbKey] : [r.storageKey]));
}

/** Rows in the order their ids were asked for; a missing one is left out. */
export function inOrderAsked(rows: readonly AttachmentRow[], ids: readonly string[]): AttachmentRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The only code that touches the attachments table, on either engine
 * (attachments.repository.test.ts holds both to one contract). Every read
 * for a viewer takes the caller's site: another site's id finds nothing,
 * like a missing one. Deletions answer the rows they deleted, so two nodes
 * sweeping at once each remove the bytes of their own rows only.
 */
export interface AttachmentsRepository {
  byId(siteId: string, id: string): Promise<AttachmentRow | undefined>;
  /** For a signed link only: the signature names the id, and only a viewer allowed to see it was ever given one. */
  byIdForLink(id: string): Promise<AttachmentRow | undefined>;
  /** An earlier upload with the same client id by the same uploader: a retry. */
  byClientId(siteId: string, uploaderId: string, clientId: string): Promise<AttachmentRow | undefined>;
  /** Inserts the row unless a retry raced it in; returns the row that stands. */
  insert(row: AttachmentRow): Promise<AttachmentRow>;
  /** These uploads of this uploader, in the order asked, whether sent yet or not (a canned reply's picture is none). */
  ofUploader(siteId: string, uploaderId: string, ids: readonly string[]): Promise<AttachmentRow[]>;
  /**
   * `ofUploader` inside a message's step, the rows held until it commits
   * (PostgreSQL: `FOR UPDATE`), so a message on another node claiming the
   * same file waits, then finds it sent.
   */
  ofUploaderInTx(tx: Tx, siteId: string, uploaderId: string, ids: readonly string[]): InTx<AttachmentRow[]>;
  /** Binds unsent uploads to the message that carries them, in its step; how many it bound. */
  bindInTx(tx: Tx, siteId: string, ids: readonly string[], at: MessagePlace): InTx<number>;
  /** A subject's files on the site, oldest first. */
  ofVisitors(siteId: string, visitorIds: readonly string[]): Promise<AttachmentRow[]>;
  /** Files sent in these visitors' conversations, newest first. */
  sentToVisitors(siteId: string, visitorIds: readonly string[], limit: number): Promise<AttachmentRow[]>;
  /** Deletes one upload if it is still unsent; the row as it was deleted (its thumbnail may have come since it was read), or undefined. */
  deleteUnsent(siteId: string, id: string): Promise<AttachmentRow | undefined>;
  deleteByIds(ids: readonly string[]): Promise<number>;
  /** Deletes up to `limit` uploads of any site never sent and older than `cutoff` (the sweep answers no viewer); the rows deleted. */
  deleteUnsentBefore(cutoff: number, limit: number): Promise<AttachmentRow[]>;
  /** Which of these rows are still there, once any transaction deleting them has ended (PostgreSQL waits on their locks). */
  stillThere(ids: readonly string[]): Promise<Set<string>>;

  /** The oldest picture still waiting for its thumbnail, of any site: the worker answers no viewer. */
  nextThumbJob(): Promise<AttachmentRow | undefined>;
  /** The thumbnail is stored: 0 when the row went meanwhile (erased, discarded), and its bytes must go too. */
  thumbReady(id: string, thumbKey: string): Promise<number>;
  /** A try failed: for good when `final`, or after `maxAttempts` passing failures. */
  thumbFailed(id: string, final: boolean, maxAttempts: number): Promise<void>;

  /** The pictures these canned replies keep. */
  keptBy(siteId: string, replyIds: readonly string[]): Promise<AttachmentRow[]>;
  /** The unsent upload becomes the reply's picture, out of the uploader's unsent files for good; false when it was taken meanwhile. */
  keep(siteId: string, id: string, replyId: string): Promise<boolean>;

  /** The install's link-signing key, made on first use and kept with the data (every server of a cluster shares it). */
  signingKey(make: () => string): Promise<string>;

  // Privacy, inside the erasure's or the retention batch's step; both answer the rows deleted.

  /** Deletes the visitors' files on the site. */
  eraseVisitorsInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): InTx<AttachmentRow[]>;
  /**
   * Deletes up to `limit` rows past retention: files of closed conversations
   * last changed before `cutoff`, of conversations that are gone, and uploads
   * never sent that are older than `cutoff`. A canned reply's picture never.
   */
  purgeExpiredInTx(tx: Tx, siteId: string, cutoff: number, limit: number): InTx<AttachmentRow[]>;
}
