import type { InTx, Tx } from '../../db/committer.ts';
import type { tags } from '../../db/schema.ts';

/** A row of `tags`; identical on both engines (schema-parity.test.ts). */
export type TagRow = typeof tags.$inferSelect;

/** A rename onto a name the site's list already has: the unique index on (site, name) refused it, and the step rolled back. */
export class TagNameTaken extends Error {
  constructor(readonly tagName: string) {
    super(`A tag "${tagName}" already exists`);
  }
}

/**
 * The only code that touches the tags table, on either engine
 * (tags.repository.test.ts holds both to one contract); every read and
 * write is within the caller's site. The unique index on (site, name) keeps
 * one tag per name even when nodes write at once.
 */
export interface TagsRepository {
  /** The site's list, by name in byte order. */
  list(siteId: string): Promise<TagRow[]>;
  /** Adds the tag unless the site has its name already: whether it was added. */
  create(row: TagRow): Promise<boolean>;
  /** Inside the caller's step: adds the names not yet on the list; an existing one keeps its colour. */
  ensureInTx(tx: Tx, rows: readonly TagRow[]): InTx<void>;
  /**
   * Inside the step: the site's tags of these ids, locked until it commits
   * (PostgreSQL: `FOR UPDATE`, in id order, so two steps over the same tags
   * wait for each other instead of deadlocking; SQLite: its one writer).
   */
  lockInTx(tx: Tx, siteId: string, ids: readonly string[]): InTx<TagRow[]>;
  /** Inside the step: the changed row, or undefined if it is not the site's. Throws TagNameTaken for a name the site has. */
  updateInTx(tx: Tx, siteId: string, id: string, changes: Partial<Pick<TagRow, 'name' | 'colour'>>): InTx<TagRow | undefined>;
  /** Inside the step: the tag leaves the site's list. */
  deleteInTx(tx: Tx, siteId: string, id: string): InTx<void>;
}
