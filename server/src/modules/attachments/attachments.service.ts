import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  ATTACHMENT_NAME_MAX,
  fail,
  ok,
  type AttachmentInfo,
  type AttachmentLink,
  type AttachmentType,
  type Result,
} from '@mostrador/shared';
import { andThen, type InTx, type Tx } from '../../db/committer.ts';
import { newId } from '../../db/ids.ts';
import { infoOf, storedKeys, type AttachmentRow, type AttachmentsRepository, type MessagePlace } from './attachments.repository.ts';
import { hasMetadataToStrip } from './metadata.ts';
import { LinkSigner, type FileVariant } from './signing.ts';
import { flushFile, receiveFile, TooLarge, type IncomingFile } from './incoming-file.ts';
import { sniffParts, type Sniffed } from './sniff.ts';
import type { FileStorage } from './storage.ts';

/** Who uploads or asks for a file, as the session cookie or the visitor token established. */
export type Viewer = { kind: 'visitor'; siteId: string; visitorId: string } | { kind: 'agent'; siteId: string; agentId: string };

/** A site's rules for files. */
export interface AttachmentRules {
  maxBytes: number;
  types: readonly AttachmentType[];
  visitorUploads: boolean;
}

/** What the attachments module needs from the others. */
export interface AttachmentPorts {
  /** The site's rules; null for a site that does not exist. */
  rules(siteId: string): AttachmentRules | null;
  /** Whether the agent may read the conversation (the conversations module decides). */
  agentCanRead(siteId: string, agentId: string, conversationId: string): Promise<boolean>;
}

export interface AttachmentOptions {
  /** How long a file link lives. */
  linkTtlMs: number;
  /** The install's link-signing key (configured, or the one the repository keeps). */
  signingKey: string;
  /** A picture was stored with its thumbnail job: the background worker may start (it must not run in the caller's turn). */
  thumbnailQueued?: () => void;
  /** Writes a received picture without its metadata, off the event loop (`PictureStripper`): its size, or null if unreadable. */
  stripPicture(mime: string, from: string, to: string): Promise<number | null>;
}

function notFound(): Result<never> {
  return fail('not_found', 'No such file');
}

/** A name safe to show and to put in a header: no folders, no control characters, not too long. */
export function cleanName(name: string): string {
  const base = [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((c) => c.charCodeAt(0) > 0x1f && c !== '\u007f' && c !== '"')
    .join('')
    .trim();
  if (base.length <= ATTACHMENT_NAME_MAX) return base || 'file';
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, ATTACHMENT_NAME_MAX - ext.length) + ext;
}

/**
 * Files in conversations: uploads checked by their bytes and cleaned of
 * photo metadata before they are stored, bound to the message that carries
 * them, and handed out only through short-lived signed links to the
 * conversation's visitor and agents.
 */
export class AttachmentsService {
  readonly #signer: LinkSigner;

  constructor(
    private readonly repo: AttachmentsRepository,
    private readonly storage: FileStorage,
    private readonly ports: AttachmentPorts,
    private readonly options: AttachmentOptions,
  ) {
    this.#signer = new LinkSigner(options.signingKey);
  }

  /** The most bytes this viewer may send now, or a refusal before any byte is read. */
  limitFor(viewer: Viewer): Result<number> {
    const rules = this.ports.rules(viewer.siteId);
    if (!rules) return notFound();
    if (viewer.kind === 'visitor' && !rules.visitorUploads) return fail('forbidden', 'This shop does not take files in the chat');
    return ok(rules.maxBytes);
  }

  /**
   * Stores an upload, read from its body as it arrives (`receiveFile`): a
   * retry with the same client id answers with the file stored the first
   * time, and its body is not kept.
   */
  async upload(viewer: Viewer, input: { clientId: string; name: string }, body: Readable): Promise<Result<AttachmentInfo>> {
    const uploaderId = viewer.kind === 'visitor' ? viewer.visitorId : viewer.agentId;
    const earlier = await this.repo.byClientId(viewer.siteId, uploaderId, input.clientId);
    if (earlier) {
      body.resume();
      return ok(infoOf(earlier));
    }
    const limit = this.limitFor(viewer);
    if (!limit.ok) {
      body.resume();
      return limit;
    }
    let received: IncomingFile;
    try {
      received = await receiveFile(body, this.storage.incomingDir, limit.data);
    } catch (error) {
      if (error instanceof TooLarge) return fail('too_large', `Files up to ${limit.data} bytes`);
      throw error;
    }
    try {
      const stored = await this.#store(viewer.siteId, received);
      if (!stored.ok) return stored;
      const { storageKey, found, size } = stored.data;
      const row = await this.repo.insert({
        id: newId('att'),
        siteId: viewer.siteId,
        uploaderKind: viewer.kind,
        uploaderId,
        clientId: input.clientId,
        visitorId: viewer.kind === 'visitor' ? viewer.visitorId : null,
        conversationId: null,
        seq: null,
        name: cleanName(input.name),
        mime: found.mime,
        type: found.type,
        size,
        storageKey,
        createdAt: Date.now(),
        // The thumbnail's job, in the same statement as the file's row: a restart finds it pending.
        thumbState: found.type === 'image' ? 'pending' : null,
        thumbKey: null,
        thumbAttempts: 0,
        cannedReplyId: null,
      });
      // A concurrent retry stored the same upload first: this copy goes.
      if (row.storageKey !== storageKey) await this.storage.remove([storageKey]);
      else if (row.thumbState === 'pending') this.options.thumbnailQueued?.();
      return ok(infoOf(row));
    } finally {
      // Adopted files are gone from there already; a refused one goes now.
      await rm(received.path, { force: true });
    }
  }

  /**
   * A received file, judged by its bytes and kept under a new key. A
   * picture is first written anew without its metadata (location, camera)
   * before anyone else sees it, in a worker; any other file is adopted as
   * it is.
   */
  async #store(
    siteId: string,
    received: IncomingFile,
  ): Promise<Result<{ storageKey: string; found: Sniffed & { ok: true }; size: number }>> {
    if (received.size === 0) return fail('invalid_payload', 'The file is empty');
    const found = sniffParts(received);
    if (!found.ok) return fail('unsupported_type', 'This kind of file is not accepted');
    if (!this.ports.rules(siteId)!.types.includes(found.type)) return fail('unsupported_type', 'This shop does not take this kind of file');
    if (!hasMetadataToStrip(found.mime)) {
      await flushFile(received.path);
      return ok({ storageKey: await this.storage.adopt(received.path), found, size: received.size });
    }
    const clean = `${received.path}.clean`;
    try {
      const size = await this.options.stripPicture(found.mime, received.path, clean);
      if (size === null) return fail('unsupported_type', 'The picture could not be read');
      return ok({ storageKey: await this.storage.adopt(clean), found, size });
    } finally {
      await rm(clean, { force: true });
    }
  }

  /**
   * The files a new message carries, checked inside the message's
   * transaction: each is the author's own upload, not yet sent. Another's
   * id, or another site's, is "not found", as a missing one is.
   */
  claimInTx(tx: Tx, siteId: string, authorId: string, ids: readonly string[]): InTx<Result<AttachmentInfo[]>> {
    const unique = [...new Set(ids)];
    // The rows stay held until the message commits: a message on another node claiming one of them waits, then finds it sent.
    return andThen(this.repo.ofUploaderInTx(tx, siteId, authorId, unique), (rows): Result<AttachmentInfo[]> => {
      if (rows.length !== unique.length) return notFound();
      if (rows.some((r) => r.conversationId !== null)) return fail('conflict', 'A file was already sent in another message');
      return ok(rows.map(infoOf));
    });
  }

  /** Ties the claimed files to their message. Must run in the same transaction as `claimInTx`. */
  bindInTx(tx: Tx, siteId: string, ids: readonly string[], at: MessagePlace): InTx<void> {
    return andThen(this.repo.bindInTx(tx, siteId, ids, at), () => undefined);
  }

  /** Files sent in these visitors' conversations, newest first: the visitor panel's list (agents of the site only). */
  async sentToVisitors(siteId: string, visitorIds: readonly string[], limit: number): Promise<AttachmentInfo[]> {
    return (await this.repo.sentToVisitors(siteId, visitorIds, limit)).map(infoOf);
  }

  /** A short-lived link to a file, for its conversation's visitor and agents (and its uploader before it is sent). */
  async link(viewer: Viewer, id: string, now = Date.now()): Promise<Result<AttachmentLink>> {
    const row = await this.repo.byId(viewer.siteId, id);
    if (!row || !(await this.#mayView(viewer, row))) return notFound();
    const expiresAt = now + this.options.linkTtlMs;
    const url = this.signedPath(row.id, expiresAt);
    return ok(row.type === 'image' ? { url, thumbUrl: this.signedPath(row.id, expiresAt, 'thumb'), expiresAt } : { url, expiresAt });
  }

  /** The path of a signed link; the route adds nothing to it. */
  signedPath(id: string, expiresAt: number, variant?: FileVariant): string {
    const path = `/api/files/${id}?exp=${expiresAt}&sig=${this.#signer.sign(id, expiresAt, variant)}`;
    return variant ? `${path}&variant=${variant}` : path;
  }

  /**
   * A file's bytes for a signed link, or null for a bad, expired or stale one.
   * The link names no site: its signature is the authority, and only a
   * viewer `link` let through ever got one. A thumbnail's link serves the
   * full picture while there is no thumbnail (not made yet, or failed), so
   * clients need no fallback; `thumbnail` says which was served.
   */
  async open(
    id: string,
    expiresAt: number,
    signature: string,
    variant?: FileVariant,
    now = Date.now(),
  ): Promise<{ row: AttachmentRow; stream: Readable; size: number; thumbnail: boolean } | null> {
    if (!this.#signer.verify(id, expiresAt, signature, now, variant)) return null;
    const row = await this.repo.byIdForLink(id);
    if (!row) return null;
    const thumb = variant === 'thumb' && row.thumbKey ? await this.storage.open(row.thumbKey) : null;
    if (thumb) return { row, ...thumb, thumbnail: true };
    const file = await this.storage.open(row.storageKey);
    return file ? { row, ...file, thumbnail: false } : null;
  }

  /**
   * The uploader takes back a file not sent yet (removed from the composer):
   * row and bytes go at once, not a day later. A sent file, another's, or
   * another site's answers "not found", as a missing one does.
   */
  async discard(viewer: Viewer, id: string): Promise<Result<null>> {
    const row = await this.repo.byId(viewer.siteId, id);
    const uploaderId = viewer.kind === 'visitor' ? viewer.visitorId : viewer.agentId;
    if (!row || row.uploaderKind !== viewer.kind || row.uploaderId !== uploaderId || row.conversationId !== null) return notFound();
    // Only while still unsent: a message claiming it at this moment keeps it.
    const deleted = await this.repo.deleteUnsent(viewer.siteId, id);
    if (!deleted) return notFound();
    await this.storage.remove(storedKeys([deleted]));
    return ok(null);
  }

  async #mayView(viewer: Viewer, row: AttachmentRow): Promise<boolean> {
    if (viewer.kind === 'visitor') return row.visitorId === viewer.visitorId;
    if (row.uploaderKind === 'agent' && row.uploaderId === viewer.agentId) return true;
    // A canned reply's picture is the shop's, for any of its agents to see.
    if (row.cannedReplyId !== null) return true;
    return row.conversationId !== null && this.ports.agentCanRead(viewer.siteId, viewer.agentId, row.conversationId);
  }
}
