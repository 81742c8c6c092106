import { ATTACHMENT_DEFAULT_MB, ATTACHMENT_TYPES, Branding, fail, ok, type BrandingInput, type Result } from '@mostrador/shared';
import { DEFAULT_BRANDING } from '@mostrador/shared/branding';
import { newId, newIdentitySecret, newSiteKey } from '../../db/ids.ts';
import { OneAtATime } from '../../db/one-at-a-time.ts';
import type { SiteChanges, SiteRow, SitesRepository } from './sites.repository.ts';

export interface NewSite {
  name: string;
  allowedOrigins: string[];
  departmentChoice?: boolean;
}

export type SiteSettingsChanges = Omit<SiteChanges, 'identitySecret' | 'branding'>;

const DEMO_SITE = 'demo_site_id';

/**
 * Sites change rarely and are read on every visitor handshake and every
 * typing preview, so every row is kept in memory, read by `load()` before
 * the app serves; every write goes through here and refreshes the copy.
 * Writes (and reads again) run one at a time, so the copy ends as the table
 * does even when the database answers two of them out of order. A write
 * made on another node is read again by `reload` when that node tells so.
 */
export class SitesService {
  #byId = new Map<string, SiteRow>();
  #byKey = new Map<string, SiteRow>();
  readonly #writes = new OneAtATime();
  readonly #changeListeners: Array<(siteId: string) => void> = [];
  #demoSiteId: string | undefined;

  constructor(
    private readonly repo: SitesRepository,
    /** A new site's starting content (its default trigger rules), written before the new site is answered. */
    private readonly onCreated: (site: SiteRow) => Promise<void> = async () => {},
  ) {}

  /** Reads every site, and which is the demo shop's (before the app serves; again, it replaces the copy). */
  load(): Promise<void> {
    return this.#writes.run(async () => {
      const rows = await this.repo.all();
      this.#byId = new Map();
      this.#byKey = new Map();
      for (const row of rows) this.#remember(row);
      this.#demoSiteId = await this.repo.getMeta(DEMO_SITE);
    });
  }

  /** Reads one site again from the table: another node wrote it (or created it). */
  reload(id: string): Promise<void> {
    return this.#writes.run(async () => {
      const row = await this.repo.byId(id);
      if (row) this.#remember(row);
    });
  }

  /** Called with the site after each write made here, once it is committed. */
  onChanged(listener: (siteId: string) => void): void {
    this.#changeListeners.push(listener);
  }

  async create(input: NewSite): Promise<SiteRow> {
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
    await this.#writes.run(() => this.repo.insert(row));
    this.#changed(this.#remember(row));
    await this.onCreated(row);
    return row;
  }

  async update(id: string, changes: SiteSettingsChanges): Promise<SiteRow> {
    const allowedOrigins = changes.allowedOrigins?.map((o) => o.trim()).filter(Boolean);
    const columns = { ...changes, ...(allowedOrigins ? { allowedOrigins } : {}) };
    if (Object.keys(columns).length === 0) return this.byId(id)!;
    return this.#write(() => this.repo.update(id, columns));
  }

  /** The site's look: what an admin saved, or the widget's defaults (a look saved before a field existed takes its default). */
  brandingOf(site: SiteRow): Branding {
    return { ...structuredClone(DEFAULT_BRANDING), ...site.branding };
  }

  /**
   * Saves the whole look at once. Parsed here as well as at the route, so no
   * caller can store text that does not read on its colour (WCAG AA).
   */
  async setBranding(id: string, input: BrandingInput): Promise<Result<Branding>> {
    const parsed = Branding.safeParse(input);
    if (!parsed.success) return fail('invalid_payload', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return ok(this.brandingOf(await this.#write(() => this.repo.update(id, { branding: parsed.data }))));
  }

  /** A new secret: every hash signed with the old one stops verifying at once. */
  rotateIdentitySecret(id: string): Promise<SiteRow> {
    return this.#write(() => this.repo.update(id, { identitySecret: newIdentitySecret() }));
  }

  /**
   * Sites created before identity existed get their secret on first use; only
   * if the table has none either, so two nodes asking at once agree on one.
   */
  async withIdentitySecret(site: SiteRow): Promise<SiteRow> {
    if (site.identitySecret) return site;
    return this.#write(async () => (await this.repo.fillIdentitySecret(site.id, newIdentitySecret())) ?? site);
  }

  byKey(key: string): SiteRow | undefined {
    return this.#byKey.get(key);
  }

  byId(id: string): SiteRow | undefined {
    return this.#byId.get(id);
  }

  /** Sites that delete old data, for a retention run. */
  withRetention(): SiteRow[] {
    return [...this.#byId.values()].filter((s) => s.conversationRetentionDays !== null || s.trailRetentionDays !== null);
  }

  /** The demo shop's site, created by the first-run seed. */
  demoSite(): SiteRow | undefined {
    return this.#demoSiteId ? this.byId(this.#demoSiteId) : undefined;
  }

  async markDemoSite(siteId: string): Promise<void> {
    await this.repo.setMeta(DEMO_SITE, siteId);
    this.#demoSiteId = siteId;
  }

  /** Runs one write, after the ones before it, and keeps the row it returns. */
  async #write(step: () => Promise<SiteRow>): Promise<SiteRow> {
    return this.#changed(this.#remember(await this.#writes.run(step)));
  }

  #remember(row: SiteRow): SiteRow {
    this.#byId.set(row.id, row);
    this.#byKey.set(row.key, row);
    return row;
  }

  #changed(row: SiteRow): SiteRow {
    for (const listener of this.#changeListeners) listener(row.id);
    return row;
  }
}
