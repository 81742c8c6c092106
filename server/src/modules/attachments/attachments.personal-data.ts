import type { Tx } from '../../db/committer.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';
import { storedKeys, type AttachmentsRepository } from './attachments.repository.ts';
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
      attachments: this.repo
        .ofVisitors(scope.siteId, scope.visitorIds)
        .map(({ storageKey: _key, thumbKey: _thumb, thumbAttempts: _tries, ...row }) => ({
          ...row,
          download: this.signedPath(row.id, expiresAt),
        })),
    };
  }

  eraseInTx(_tx: Tx, scope: SubjectScope): number {
    const rows = this.repo.ofVisitors(scope.siteId, scope.visitorIds);
    // The thumbnails too: the rows are read in the erasing transaction, so a thumbnail made before it is listed, and one made after finds no row and goes at once.
    this.#erased.set(scope, storedKeys(rows));
    return this.repo.deleteByIds(rows.map((r) => r.id));
  }

  afterErase(scope: SubjectScope): void {
    const keys = this.#erased.get(scope) ?? [];
    this.#erased.delete(scope);
    if (keys.length > 0) this.storage.remove(keys).catch(this.log);
  }

  readonly retention = {
    kind: 'conversations' as const,
    purgeInTx: (_tx: Tx, siteId: string, cutoff: number, limit: number): number => {
      const rows = this.repo.expired(siteId, cutoff, limit);
      const gone = this.repo.deleteByIds(rows.map((r) => r.id));
      // The batch's transaction is synchronous: by the next turn it has committed, and the bytes can go.
      const keys = storedKeys(rows);
      if (keys.length > 0) setImmediate(() => void this.storage.remove(keys).catch(this.log));
      return gone;
    },
  };
}
