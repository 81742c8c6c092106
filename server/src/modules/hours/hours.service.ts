import { fail, isOpenAt, nextOpening, ok, type Result, type BusinessHours, type SiteHours, type WidgetHours } from '@mostrador/shared';
import { OneAtATime } from '../../db/one-at-a-time.ts';
import { SITE_SCOPE, type HoursRepository, type StoredHours } from './hours.repository.ts';

/** What the hours need from the departments module. */
export interface HoursDepartments {
  /** The ids that belong to the site, of those given. */
  checkDepartments(siteId: string, ids: readonly string[]): Result<string[]>;
  slugOf(siteId: string, departmentId: string): string | null;
}

interface CachedHours {
  site: BusinessHours | null;
  departments: Map<string, BusinessHours>;
}

/**
 * Each site's business hours, kept in memory: the message path asks "open
 * now?" for every first message, and must not read the database to know.
 * `load` fills the copy once, before the app serves (the whole table: a few
 * rows per site); every edit goes through `replace`, which writes, then
 * refreshes the copy; an edit made on another node is read again by `reload`.
 */
export class HoursService {
  readonly #cache = new Map<string, CachedHours>();
  readonly #writes = new OneAtATime();
  readonly #changeListeners: Array<(siteId: string) => void> = [];

  constructor(
    private readonly repo: HoursRepository,
    private readonly departments: HoursDepartments,
    /** Hours changed here: queued conversations and open widgets may need telling. */
    changed?: (siteId: string) => void,
  ) {
    if (changed) this.onChanged(changed);
  }

  /** Called with the site after each edit made here, once it is committed. */
  onChanged(listener: (siteId: string) => void): void {
    this.#changeListeners.push(listener);
  }

  get(siteId: string): SiteHours {
    const cached = this.#load(siteId);
    return {
      site: cached.site,
      departments: [...cached.departments].map(([departmentId, hours]) => ({ departmentId, hours })),
    };
  }

  /** Reads every site's hours into memory: before the app serves (again, it replaces the copy). */
  load(): Promise<void> {
    return this.#writes.run(async () => {
      const rows = await this.repo.all();
      this.#cache.clear();
      for (const row of rows) this.#remember(row.siteId, row);
    });
  }

  /** Reads one site's hours again from the table: another node replaced them. */
  reload(siteId: string): Promise<void> {
    return this.#writes.run(async () => {
      const rows = await this.repo.ofSite(siteId);
      this.#cache.delete(siteId);
      for (const row of rows) this.#remember(siteId, row);
    });
  }

  async replace(siteId: string, hours: SiteHours): Promise<Result<SiteHours>> {
    const ids = hours.departments.map((d) => d.departmentId);
    if (new Set(ids).size !== ids.length) return fail('invalid_payload', 'One set of hours per department');
    const known = this.departments.checkDepartments(siteId, ids);
    if (!known.ok) return known;
    const rows = [
      ...(hours.site ? [{ scope: SITE_SCOPE, schedule: hours.site }] : []),
      ...hours.departments.map((d) => ({ scope: d.departmentId, schedule: d.hours })),
    ];
    // One save at a time, each with its refresh: on PostgreSQL two saves could otherwise finish out of
    // order, and memory would keep another set of hours than the table.
    await this.#writes.run(async () => {
      await this.repo.replace(siteId, rows, Date.now());
      this.#cache.delete(siteId);
      for (const row of rows) this.#remember(siteId, row);
    });
    for (const listener of this.#changeListeners) listener(siteId);
    return ok(this.get(siteId));
  }

  /** The hours that apply to a department's line: its own, else the site's; null means always open. */
  scheduleFor(siteId: string, departmentId: string | null): BusinessHours | null {
    const cached = this.#load(siteId);
    return (departmentId ? cached.departments.get(departmentId) : undefined) ?? cached.site;
  }

  isOpen(siteId: string, departmentId: string | null, at: number): boolean {
    const schedule = this.scheduleFor(siteId, departmentId);
    return schedule === null || isOpenAt(schedule, at);
  }

  /** When the line opens next: `at` while open, null when no opening is in sight. */
  opensAt(siteId: string, departmentId: string | null, at: number): number | null {
    const schedule = this.scheduleFor(siteId, departmentId);
    return schedule === null ? at : nextOpening(schedule, at);
  }

  /** The widget knows departments by slug. */
  forWidget(siteId: string): WidgetHours {
    const cached = this.#load(siteId);
    const departments: Record<string, BusinessHours> = {};
    for (const [id, schedule] of cached.departments) {
      const slug = this.departments.slugOf(siteId, id);
      if (slug) departments[slug] = schedule;
    }
    return { site: cached.site, departments: departments };
  }

  /** A site without hours is always open: nothing stored, nothing cached. */
  #load(siteId: string): CachedHours {
    return this.#cache.get(siteId) ?? { site: null, departments: new Map() };
  }

  #remember(siteId: string, row: StoredHours): void {
    let cached = this.#cache.get(siteId);
    if (!cached) this.#cache.set(siteId, (cached = { site: null, departments: new Map() }));
    if (row.scope === SITE_SCOPE) cached.site = row.schedule;
    else cached.departments.set(row.scope, row.schedule);
  }
}
