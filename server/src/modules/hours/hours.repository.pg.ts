import { eq } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { businessHours } from '../../db/pg/schema/index.ts';
import type { HoursRepository, StoredHours } from './hours.repository.ts';

const SCOPED = { scope: businessHours.scope, schedule: businessHours.schedule };
const COLUMNS = { siteId: businessHours.siteId, ...SCOPED };

/** `business_hours` on PostgreSQL: the same contract as the SQLite repository's. */
export class PgHoursRepository implements HoursRepository {
  constructor(private readonly db: PgDb) {}

  all(): Promise<(StoredHours & { siteId: string })[]> {
    return this.db.select(COLUMNS).from(businessHours);
  }

  ofSite(siteId: string): Promise<StoredHours[]> {
    return this.db.select(SCOPED).from(businessHours).where(eq(businessHours.siteId, siteId));
  }

  async replace(siteId: string, rows: readonly StoredHours[], at: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(businessHours).where(eq(businessHours.siteId, siteId));
      if (rows.length > 0) await tx.insert(businessHours).values(rows.map((r) => ({ ...r, siteId, updatedAt: at })));
    });
  }
}
