import { fail, isOpenAt, nextOpening, ok, type Result, type BusinessHours, type SiteHours, type WidgetHours } from '@mostrador/shared';
import { SITE_SCOPE, type HoursRepository } from './hours.repository.ts';

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
 * Every edit goes through `replace`, which refreshes the copy.
 */
export class HoursService {
  readonly #cache = new Map<string, CachedHours>();

  constructor(
    private readonly repo: HoursRepository,
    private readonly departments: HoursDepartments,
    /** Hours changed: queued conversations and open widgets may need telling. */
    private readonly changed: (siteId: string) => void = () => {},
  ) {}

  get(siteId: string): SiteHours {
    const cached = this.#load(siteId);
    return {
      site: cached.site,
      departments: [...cached.departments].map(([departmentId, hours]) => ({ departmentId, hours })),
    };
  }

  replace(siteId: string, hours: SiteHours): Result<SiteHours> {
    const ids = hours.departments.map((d) => d.departmentId);
    if (new Set(ids).size !== ids.length) return fail('invalid_payload', 'One set of hours per department');
    const known = this.departments.checkDepartments(siteId, ids);
    if (!known.ok) return known;
    this.repo.replace(
      siteId,
      [
        ...(hours.site ? [{ scope: SITE_SCOPE, schedule: hours.site }] : []),
        ...hours.departments.map((d) => ({ scope: d.departmentId, schedule: d.hours })),
      ],
      Date.now(),
    );
    this.#cache.delete(siteId);
    this.changed(siteId);
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

  #load(siteId: string): CachedHours {
    let cached = this.#cache.get(siteId);
    if (!cached) {
      cached = { site: null, departments: new Map() };
      for (const row of this.repo.ofSite(siteId)) {
        if (row.scope === SITE_SCOPE) cached.site = row.schedule;
        else cached.departments.set(row.scope, row.schedule);
      }
      this.#cache.set(siteId, cached);
    }
    return cached;
  }
}
