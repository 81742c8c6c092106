import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Tx } from '../../db/committer.ts';
import { tags } from '../../db/schema.ts';
import { isSqliteUniqueViolation } from '../../db/unique-violation.ts';
import { TagNameTaken, type TagRow, type TagsRepository } from './tags.repository.ts';

/**
 * `tags` on SQLite. The `…InTx` methods run synchronously on the one
 * connection, where the group commit's transaction is open, and so take no
 * handle; their values are there at once (`now`).
 */
export class SqliteTagsRepository implements TagsRepository {
  constructor(private readonly db: Db) {}

  async list(siteId: string): Promise<TagRow[]> {
    return this.db.select().from(tags).where(eq(tags.siteId, siteId)).orderBy(asc(tags.name)).all();
  }

  async create(row: TagRow): Promise<boolean> {
    return this.db.insert(tags).values(row).onConflictDoNothing().run().changes > 0;
  }

  ensureInTx(_tx: Tx, rows: readonly TagRow[]): void {
    if (rows.length > 0)
      this.db
        .insert(tags)
        .values([...rows])
        .onConflictDoNothing()
        .run();
  }

  lockInTx(_tx: Tx, siteId: string, ids: readonly string[]): TagRow[] {
    return this.db
      .select()
      .from(tags)
      .where(and(eq(tags.siteId, siteId), inArray(tags.id, [...ids])))
      .orderBy(asc(tags.id))
      .all();
  }

  updateInTx(_tx: Tx, siteId: string, id: string, changes: Partial<Pick<TagRow, 'name' | 'colour'>>): TagRow | undefined {
    try {
      return this.db
        .update(tags)
        .set(changes)
        .where(and(eq(tags.siteId, siteId), eq(tags.id, id)))
        .returning()
        .get();
    } catch (error) {
      if (changes.name !== undefined && isSqliteUniqueViolation(error)) throw new TagNameTaken(changes.name);
      throw error;
    }
  }

  deleteInTx(_tx: Tx, siteId: string, id: string): void {
    this.db
      .delete(tags)
      .where(and(eq(tags.siteId, siteId), eq(tags.id, id)))
      .run();
  }
}
