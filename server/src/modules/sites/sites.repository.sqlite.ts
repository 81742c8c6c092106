import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { meta, sites } from '../../db/schema.ts';
import type { SiteChanges, SiteRow, SitesRepository } from './sites.repository.ts';

/** `sites` and `meta` on SQLite. */
export class SqliteSitesRepository implements SitesRepository {
  constructor(private readonly db: Db) {}

  async all(): Promise<SiteRow[]> {
    return this.db.select().from(sites).all();
  }

  async byId(id: string): Promise<SiteRow | undefined> {
    return this.db.select().from(sites).where(eq(sites.id, id)).get();
  }

  async insert(row: SiteRow): Promise<void> {
    this.db.insert(sites).values(row).run();
  }

  async update(id: string, changes: SiteChanges): Promise<SiteRow> {
    const row = this.db.update(sites).set(changes).where(eq(sites.id, id)).returning().get();
    if (!row) throw new Error(`site ${id} vanished`);
    return row;
  }

  async fillIdentitySecret(id: string, secret: string): Promise<SiteRow | undefined> {
    const filled = this.db
      .update(sites)
      .set({ identitySecret: secret })
      .where(and(eq(sites.id, id), eq(sites.identitySecret, '')))
      .returning()
      .get();
    return filled ?? this.byId(id);
  }

  async getMeta(key: string): Promise<string | undefined> {
    return this.db.select().from(meta).where(eq(meta.key, key)).get()?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
  }
}
