import type { sites } from '../../db/schema.ts';

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

/**
 * The only code touching `sites` and `meta`, on either engine
 * (sites.repository.test.ts holds both to one contract). A site's key is
 * unique by index, so two nodes can never hand out the same one.
 */
export interface SitesRepository {
  /** Every site: the service keeps them all in memory. */
  all(): Promise<SiteRow[]>;
  /** One site as the table has it now (another node changed or created it). */
  byId(id: string): Promise<SiteRow | undefined>;
  /** Rejects a key or id already taken. */
  insert(row: SiteRow): Promise<void>;
  /** The row as written; rejects for a site that does not exist. */
  update(id: string, changes: SiteChanges): Promise<SiteRow>;
  /**
   * Gives the site this identity secret only if it has none yet (sites from
   * before identity existed), in one statement: two nodes filling it at once
   * agree on one secret. Returns the row as it is after, or undefined for no such site.
   */
  fillIdentitySecret(id: string, secret: string): Promise<SiteRow | undefined>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
}
