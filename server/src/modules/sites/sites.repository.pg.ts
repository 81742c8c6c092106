import { and, eq } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { meta, sites } from '../../db/pg/schema/index.ts';
import type { SiteChanges, SiteRow, SitesRepository } from './sites.repository.ts';

/** `sites` and `meta` on PostgreSQL: the same contract as the SQLite repository's. */
export class PgSitesRepository implements SitesRepository {
  constructor(private readonly db: PgDb) {}

  all(): Promise<SiteRow[]> {
    return this.db.select().from(sites);
  }

  async byId(id: string): Promise<SiteRow | undefined> {
    const [row] = await this.db.select().from(sites).where(eq(sites.id, id));
    return row;
  }

  async insert(row: SiteRow): Promise<void> {
    await this.db.insert(sites).values(row);
  }

  async update(id: string, changes: SiteChanges): Promise<SiteRow> {
    const [row] = await this.db.update(sites).set(changes).where(eq(sites.id, id)).returning();
    if (!row) throw new Error(`site ${id} vanished`);
    return row;
  }

  async fillIdentitySecret(id: string, secret: string): Promise<SiteRow | undefined> {
    const [filled] = await this.db
      .update(sites)
      .set({ identitySecret: secret })
      .where(and(eq(sites.id, id), eq(sites.identitySecret, '')))
      .returning();
    return filled ?? this.byId(id);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const [row] = await this.db.select().from(meta).where(eq(meta.key, key));
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } });
  }
}
