import { eq, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { meta, sites } from '../../db/schema.ts';

export type SiteRow = typeof sites.$inferSelect;
export type SiteChanges = Partial<
  Pick<
    SiteRow,
    | 'name'
    | 'allowedOrigins'
    | 'departmentChoice'
    | 'typingPreview'
    | 'identityEnforced'
    | 'identitySecret'
    | 'conversationRetentionDays'
    | 'trailRetentionDays'
    | 'branding'
    | 'ratingEnabled'
    | 'ratingAskAgain'
    | 'npsEnabled'
    | 'preChat'
    | 'attachmentMaxMb'
    | 'attachmentTypes'
    | 'visitorUploads'
  >
>;

export class SitesRepository {
  constructor(private readonly db: Db) {}

  insert(row: SiteRow): void {
    this.db.insert(sites).values(row).run();
  }

  update(id: string, changes: SiteChanges): SiteRow {
    const row = this.db.update(sites).set(changes).where(eq(sites.id, id)).returning().get();
    if (!row) throw new Error(`site ${id} vanished`);
    return row;
  }

  byKey(key: string): SiteRow | undefined {
    return this.db.select().from(sites).where(eq(sites.key, key)).get();
  }

  byId(id: string): SiteRow | undefined {
    return this.db.select().from(sites).where(eq(sites.id, id)).get();
  }

  /** Sites with a retention period set, for the retention job. */
  withRetention(): SiteRow[] {
    return this.db
      .select()
      .from(sites)
      .where(or(isNotNull(sites.conversationRetentionDays), isNotNull(sites.trailRetentionDays)))
      .all();
  }

  getMeta(key: string): string | undefined {
    return this.db.select().from(meta).where(eq(meta.key, key)).get()?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
  }
}
