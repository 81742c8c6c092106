import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { pgTxOf, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { tags } from '../../db/pg/schema/index.ts';
import { isPgUniqueViolation } from '../../db/unique-violation.ts';
import { TagNameTaken, type TagRow, type TagsRepository } from './tags.repository.ts';

/** By name in byte order, as SQLite sorts, whatever the database's collation. */
const BY_NAME = sql`${tags.name} collate "C"`;

/** The (site, name) index refusing a row. */
const nameTaken = (error: unknown) => isPgUniqueViolation(error, 'tags_site_name');

/** `tags` on PostgreSQL: the same contract as the SQLite repository's; the `…InTx` methods run on the step's transaction. */
export class PgTagsRepository implements TagsRepository {
  constructor(private readonly db: PgDb) {}

  list(siteId: string): Promise<TagRow[]> {
    return this.db.select().from(tags).where(eq(tags.siteId, siteId)).orderBy(BY_NAME);
  }

  async create(row: TagRow): Promise<boolean> {
    const added = await this.db.insert(tags).values(row).onConflictDoNothing().returning({ id: tags.id });
    return added.length > 0;
  }

  async ensureInTx(tx: Tx, rows: readonly TagRow[]): Promise<void> {
    if (rows.length > 0)
      await pgTxOf(tx)
        .insert(tags)
        .values([...rows])
        .onConflictDoNothing();
  }

  async lockInTx(tx: Tx, siteId: string, ids: readonly string[]): Promise<TagRow[]> {
    return pgTxOf(tx)
      .select()
      .from(tags)
      .where(and(eq(tags.siteId, siteId), inArray(tags.id, [...ids])))
      .orderBy(asc(tags.id))
      .for('update');
  }

  async updateInTx(tx: Tx, siteId: string, id: string, changes: Partial<Pick<TagRow, 'name' | 'colour'>>): Promise<TagRow | undefined> {
    try {
      const [row] = await pgTxOf(tx)
        .update(tags)
        .set(changes)
        .where(and(eq(tags.siteId, siteId), eq(tags.id, id)))
        .returning();
      return row;
    } catch (error) {
      if (changes.name !== undefined && nameTaken(error)) throw new TagNameTaken(changes.name);
      throw error;
    }
  }

  async deleteInTx(tx: Tx, siteId: string, id: string): Promise<void> {
    await pgTxOf(tx)
      .delete(tags)
      .where(and(eq(tags.siteId, siteId), eq(tags.id, id)));
  }
}
