import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { businessHours } from '../../db/schema.ts';
import type { HoursRepository, StoredHours } from './hours.repository.ts';

const SCOPED = { scope: businessHours.scope, schedule: businessHours.schedule };
const COLUMNS = { siteId: businessHours.siteId, ...SCOPED };

/** `business_hours` on SQLite. */
export class SqliteHoursRepository implements HoursRepository {
  constructor(private readonly db: Db) {}

  async all(): Promise<(StoredHours & { siteId: string })[]> {
    return this.db.select(COLUMNS).from(businessHours).all();
  }

  async ofSite(siteId: string): Promise<StoredHours[]> {
    return this.db.select(SCOPED).from(businessHours).where(eq(businessHours.siteId, siteId)).all();
  }

  async replace(siteId: string, rows: readonly StoredHours[], at: number): Promise<void> {
    this.db.transaction((tx) => {
      tx.delete(businessHours).where(eq(businessHours.siteId, siteId)).run();
      if (rows.length > 0)
        tx.insert(businessHours)
          .values(rows.map((r) => ({ ...r, siteId, updatedAt: at })))
          .run();
    });
  }
}
