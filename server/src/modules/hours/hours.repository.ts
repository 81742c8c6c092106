import type { BusinessHours } from '@mostrador/shared';

/** The scope of the site's own hours; departments use their id. */
export const SITE_SCOPE = 'site';

export interface StoredHours {
  scope: string;
  schedule: BusinessHours;
}

/** The only code touching `business_hours`, on either engine (hours.repository.test.ts holds both to one contract). */
export interface HoursRepository {
  /** Every site's hours: the service keeps them all in memory. */
  all(): Promise<(StoredHours & { siteId: string })[]>;
  /** One site's hours as the table has them now (another node replaced them). */
  ofSite(siteId: string): Promise<StoredHours[]>;
  /** Replaces all of a site's hours in one transaction. */
  replace(siteId: string, rows: readonly StoredHours[], at: number): Promise<void>;
}
