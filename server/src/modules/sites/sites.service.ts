import { ATTACHMENT_DEFAULT_MB, ATTACHMENT_TYPES, Branding, fail, ok, type BrandingInput, type Result } from '@mostrador/shared';
import { DEFAULT_BRANDING } from '@mostrador/shared/branding';
import { newId, newIdentitySecret, newSiteKey } from '../../db/ids.ts';
import type { SiteChanges, SiteRow, SitesRepository } from './sites.repository.ts';

export interface NewSite {
  name: string;
  allowedOrigins: string[];
  departmentChoice?: boolean;
}

export type SiteSettingsChanges = Omit<SiteChanges, 'identitySecret' | 'branding'>;

/**
 * Sites change rarely and are read on every visitor handshake and every
 * typing preview, so rows are kept in memory; every write goes through here
 * and refreshes the copy.
 */
export class SitesService {
  readonly #byId = new Map<string, SiteRow>();

  constructor(
    private readonly repo: SitesRepository,
    /** A new site's starting content (its default trigger rules). */
    private readonly onCreated: (site: SiteRow) => void = () => {},
  ) {}

  create(input: NewSite): SiteRow {
    const row: SiteRow = {
      id: newId('site'),
      key: newSiteKey(),
      name: input.name,
      allowedOrigins: input.allowedOrigins,
      departmentChoice: input.departmentChoice ?? false,
      typingPreview: true,
      identityEnforced: false,
      identitySecret: newIdentitySecret(),
      ratingEnabled: true,
      ratingAskAgain: false,
      npsEnabled: false,
      preChat: 'off',
      conversationRetentionDays: null,
      trailRetentionDays: null,
      branding: null,
      attachmentMaxMb: ATTACHMENT_DEFAULT_MB,
      attachmentTypes: [...ATTACHMENT_TYPES],
      visitorUploads: true,
      createdAt: Date.now(),
    };
    this.repo.insert(row);
    this.#remember(row);
    this.onCreated(row);
    return row;
  }

  update(id: string, changes: SiteSettingsChanges): SiteRow {
    const allowedOrigins = changes.allowedOrigins?.map((o) => o.trim()).filter(Boolean);
    const columns = { ...changes, ...(allowedOrigins ? { allowedOrigins } : {}) };
    if (Object.keys(columns).length === 0) return this.byId(id)!;
    return this.#remember(this.repo.update(id, columns));
  }

  /** The site's look: what an admin saved, or the widget's defaults (a look saved before a field existed takes its default). */
  brandingOf(site: SiteRow): Branding {
    return { ...structuredClone(DEFAULT_BRANDING), ...site.branding };
  }

  /**
   * Saves the whole look at once. Parsed here as well as at the route, so no
   * caller can store text that does not read on its colour (WCAG AA).
   */
  setBranding(id: string, input: BrandingInput): Result<Branding> {
    const parsed = Branding.safeParse(input);
    if (!parsed.success) return fail('invalid_payload', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return ok(this.brandingOf(this.#remember(this.repo.update(id, { branding: parsed.data }))));
  }

  /** A new secret: every hash signed with the old one stops verifying at once. */
  rotateIdentitySecret(id: string): SiteRow {
    return this.#remember(this.repo.update(id, { identitySecret: newIdentitySecret() }));
  }

  /** Sites created before identity existed get their secret on first use. */
  withIdentitySecret(site: SiteRow): SiteRow {
    return site.identitySecret ? site : this.rotateIdentitySecret(site.id);
  }

  byKey(key: string): SiteRow | undefined {
    for (const site of this.#byId.values()) if (site.key === key) return site;
    const row = this.repo.byKey(key);
    return row ? this.#remember(row) : undefined;
  }

  byId(id: string): SiteRow | undefined {
    const cached = this.#byId.get(id);
    if (cached) return cached;
    const row = this.repo.byId(id);
    return row ? this.#remember(row) : undefined;
  }

  /** Sites that delete old data, read afresh for each retention run. */
  withRetention(): SiteRow[] {
    return this.repo.withRetention().map((row) => this.#remember(row));
  }

  /** The demo shop's site, created by the first-run seed. */
  demoSite(): SiteRow | undefined {
    const id = this.repo.getMeta('demo_site_id');
    return id ? this.byId(id) : undefined;
  }

  markDemoSite(siteId: string): void {
    this.repo.setMeta('demo_site_id', siteId);
  }

  #remember(row: SiteRow): SiteRow {
    this.#byId.set(row.id, row);
    return row;
  }
}
