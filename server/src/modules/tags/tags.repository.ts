import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { tags } from '../../db/schema.ts';

export type TagRow = typeof tags.$inferSelect;

/** The only code that touches the tags table; every read and write is within the caller's site. */
export class TagsRepository {
  constructor(private readonly db: Db) {}

  list(siteId: string): TagRow[] {
    return this.db.select().from(tags).where(eq(tags.siteId, siteId)).orderBy(asc(tags.name)).all();
  }

  byId(siteId: string, id: string): TagRow | undefined {
    return this.db
      .select()
      .from(tags)
      .where(and(eq(tags.siteId, siteId), eq(tags.id, id)))
      .get();
  }

  byName(siteId: string, name: string): TagRow | undefined {
    return this.db
      .select()
      .from(tags)
      .where(and(eq(tags.siteId, siteId), eq(tags.name, name)))
      .get();
  }

  /** Adds the names not yet on the list; an existing one keeps its colour. */
  insertMissing(rows: TagRow[]): void {
    if (rows.length > 0) this.db.insert(tags).values(rows).onConflictDoNothing().run();
  }

  update(siteId: string, id: string, changes: Partial<Pick<TagRow, 'name' | 'colour'>>): TagRow | undefined {
    return this.db
      .update(tags)
      .set(changes)
      .where(and(eq(tags.siteId, siteId), eq(tags.id, id)))
      .returning()
      .get();
  }

  delete(siteId: string, ids: string[]): void {
    this.db
      .delete(tags)
      .where(and(eq(tags.siteId, siteId), inArray(tags.id, ids)))
      .run();
  }
}
