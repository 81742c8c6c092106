import type { BusinessHours } from '@mostrador/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { businessHours } from '../../db/schema.ts';

/** The scope of the site's own hours; departments use their id. */
export const SITE_SCOPE = 'site';

export interface StoredHours {
  scope: string;
  schedule: BusinessHours;
}

/** The only code touching `business_hours`. */
export class HoursRepository {
  constructor(private readonly db: Db) {}

  ofSite(siteId: string): StoredHours[] {
    return this.db
      .select({ scope: businessHours.scope, schedule: businessHours.schedule })
      .from(businessHours)
      .where(eq(businessHours.siteId, siteId))
      .all();
  }

  /** Replaces all of a site's hours in one transaction. */
  replace(siteId: string, rows: readonly StoredHours[], at: number): void {
    this.db.transaction((tx) => {
      tx.delete(businessHours).where(eq(businessHours.siteId, siteId)).run();
      if (rows.length > 0)
        tx.insert(businessHours)
          .values(rows.map((r) => ({ ...r, siteId, updatedAt: at })))
          .run();
    });
  }
}
