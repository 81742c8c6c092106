import { fail, ok, type AttachmentInfo, type Result } from '@mostrador/shared';
import { newId } from '../../db/ids.ts';
import { infoOf, storedKeys, type AttachmentsRepository } from './attachments.repository.ts';
import type { AttachmentRules } from './attachments.service.ts';
import type { FileStorage } from './storage.ts';

const notFound = (): Result<never> => fail('not_found', 'No such file');

/**
 * Canned replies' pictures. An admin's upload becomes a reply's picture
 * (marked on its row: never claimed by a message, never swept as unsent,
 * never a shopper's data); each insertion of the reply copies it into a new
 * upload of the inserting agent, so every message binds its own file and a
 * conversation's erasure or retention never touches the reply's picture.
 */
export class CannedPictures {
  constructor(
    private readonly repo: AttachmentsRepository,
    private readonly storage: FileStorage,
    private readonly rules: (siteId: string) => AttachmentRules | null,
    private readonly log: (err: unknown) => void,
    private readonly thumbnailQueued?: () => void,
  ) {}

  /** The upload may become a picture: the agent's own, unsent, on this site, and an image. Another's is not found. */
  async check(siteId: string, agentId: string, id: string): Promise<Result<AttachmentInfo>> {
    const [row] = await this.repo.ofUploader(siteId, agentId, [id]);
    if (!row || row.uploaderKind !== 'agent' || row.conversationId !== null) return notFound();
    if (row.type !== 'image') return fail('unsupported_type', 'A canned reply’s picture must be an image');
    return ok(infoOf(row));
  }

  /**
   * Makes `id` (checked with `check`) the reply's only picture, or none with
   * null; the pictures it replaces go, rows now and bytes once written off.
   * False, and nothing changed, when the upload was sent or taken since it
   * was checked (the keep is one conditional update, on any node).
   */
  async keep(siteId: string, replyId: string, id: string | null): Promise<boolean> {
    if (id !== null && !(await this.repo.keep(siteId, id, replyId))) return false;
    const replaced = (await this.repo.keptBy(siteId, [replyId])).filter((row) => row.id !== id);
    await this.repo.deleteByIds(replaced.map((row) => row.id));
    const keys = storedKeys(replaced);
    if (keys.length > 0) this.storage.remove(keys).catch(this.log);
    return true;
  }

  /** The pictures of these replies, by reply id. */
  async of(siteId: string, replyIds: readonly string[]): Promise<Map<string, AttachmentInfo>> {
    return new Map((await this.repo.keptBy(siteId, replyIds)).map((row) => [row.cannedReplyId!, infoOf(row)]));
  }

  /** A new upload of the agent with the picture's bytes, under the site's rules of today; a reply without one is not found. */
  async copy(siteId: string, agentId: string, replyId: string): Promise<Result<AttachmentInfo>> {
    const [source] = await this.repo.keptBy(siteId, [replyId]);
    const rules = this.rules(siteId);
    if (!source || !rules) return notFound();
    if (!rules.types.includes(source.type)) return fail('unsupported_type', 'This shop does not take this kind of file');
    if (source.size > rules.maxBytes) return fail('too_large', `Files up to ${rules.maxBytes} bytes`);
    const file = await this.storage.open(source.storageKey);
    if (!file) return notFound();
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream) chunks.push(chunk as Buffer);
    const storageKey = await this.storage.put(Buffer.concat(chunks));
    const row = await this.repo.insert({
      ...source,
      id: newId('att'),
      uploaderKind: 'agent',
      uploaderId: agentId,
      // A fresh id: each insertion is its own upload, never a retry of an earlier copy.
      clientId: newId('att'),
      visitorId: null,
      conversationId: null,
      seq: null,
      storageKey,
      createdAt: Date.now(),
      thumbState: 'pending',
      thumbKey: null,
      thumbAttempts: 0,
      cannedReplyId: null,
    });
    this.thumbnailQueued?.();
    return ok(infoOf(row));
  }
}
