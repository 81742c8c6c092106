import { newId, newSiteKey } from '../../db/ids.ts';
import type { SiteRow, SitesRepository } from './sites.repository.ts';

export interface NewSite {
  name: string;
  allowedOrigins: string[];
  departmentChoice?: boolean;
}

export class SitesService {
  constructor(private readonly repo: SitesRepository) {}

  create(input: NewSite): SiteRow {
    const row: SiteRow = {
      id: newId('site'),
      key: newSiteKey(),
      name: input.name,
      allowedOrigins: input.allowedOrigins,
      departmentChoice: input.departmentChoice ?? false,
      createdAt: Date.now(),
    };
    this.repo.insert(row);
    return row;
  }

  update(id: string, changes: Partial<Pick<SiteRow, 'name' | 'allowedOrigins' | 'departmentChoice'>>): SiteRow {
    const allowedOrigins = changes.allowedOrigins?.map((o) => o.trim()).filter(Boolean);
    const columns = { ...changes, ...(allowedOrigins ? { allowedOrigins } : {}) };
    if (Object.keys(columns).length === 0) return this.repo.byId(id)!;
    return this.repo.update(id, columns);
  }

  byKey(key: string): SiteRow | undefined {
    return this.repo.byKey(key);
  }

  byId(id: string): SiteRow | undefined {
    return this.repo.byId(id);
  }

  /** The demo shop's site, created by the first-run seed. */
  demoSite(): SiteRow | undefined {
    const id = this.repo.getMeta('demo_site_id');
    return id ? this.repo.byId(id) : undefined;
  }

  markDemoSite(siteId: string): void {
    this.repo.setMeta('demo_site_id', siteId);
  }
}
