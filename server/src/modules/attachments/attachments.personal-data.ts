import { andThen, type InTx, type Tx } from '../../db/committer.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';
import { storedKeys, type AttachmentRow, type AttachmentsRepository } from './attachments.repository.ts';
import type { FileStorage } from './storage.ts';

/** How long the file links in a data export stay valid. */
const EXPORT_LINK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The attachments module's part in the privacy registry: a shopper's files
 * (theirs, and the agents' files in their conversations). Erasure and
 * retention remove the rows in the transaction and the bytes once it has
 * committed; an export lists every file with a link to its bytes.
 * A canned reply's picture (a row with `cannedReplyId`) is the shop's
 * content, not a shopper's: it has no visitor, so no erasure reaches it, and
 * retention passes it over (the repository's `expired`). A message carries
 * a copy, bound to its conversation like any file, which goes with it.
 * The rows are deleted with `RETURNING`, so the bytes removed are exactly
 * those of rows this step deleted, on either engine.
 */
export class AttachmentsPersonalData implements PersonalDataSource {
  readonly tables = ['attachments'];
  readonly #erased = new WeakMap<SubjectScope, string[]>();

  constructor(
    private readonly repo: AttachmentsRepository,
    private readonly storage: FileStorage,
    private readonly signedPath: (id: string, expiresAt: number) => string,
    private readonly log: (err: unknown) => void,
  ) {}

  async exportRows(scope: SubjectScope) {
    const expiresAt = Date.now() + EXPORT_LINK_MS;
    return {
      attachments: (await this.repo.ofVisitors(scope.siteId, scope.visitorIds)).map(
        ({ storageKey: _key, thumbKey: _thumb, thumbAttempts: _tries, ...row }) => ({
          ...row,
          download: this.signedPath(row.id, expiresAt),
        }),
      ),
    };
  }

  eraseInTx(tx: Tx, scope: SubjectScope): InTx<number> {
    return andThen(this.repo.eraseVisitorsInTx(tx, scope.siteId, scope.visitorIds), (rows) => {
      // The thumbnails too: the rows are deleted in the erasing transaction, so a thumbnail made before it is listed, and one made after finds no row and goes at once.
      this.#erased.set(scope, storedKeys(rows));
      return rows.length;
    });
  }

  afterErase(scope: SubjectScope): void {
    const keys = this.#erased.get(scope) ?? [];
    this.#erased.delete(scope);
    if (keys.length > 0) this.storage.remove(keys).catch(this.log);
  }

  readonly retention = {
    kind: 'conversations' as const,
    purgeInTx: (tx: Tx, siteId: string, cutoff: number, limit: number): InTx<number> =>
      andThen(this.repo.purgeExpiredInTx(tx, siteId, cutoff, limit), (rows) => {
        if (rows.length > 0) setImmediate(() => void this.#removeOnceGone(rows).catch(this.log));
        return rows.length;
      }),
  };

  /**
   * The bytes of rows a batch deleted, once the batch has committed: on
   * SQLite by the next turn; on PostgreSQL `stillThere` waits for the
   * batch's transaction to end. Rows a rolled-back batch kept keep their bytes.
   */
  async #removeOnceGone(rows: readonly AttachmentRow[]): Promise<void> {
    const kept = await this.repo.stillThere(rows.map((r) => r.id));
    const keys = storedKeys(rows.filter((r) => !kept.has(r.id)));
    if (keys.length > 0) await this.storage.remove(keys);
  }
}
