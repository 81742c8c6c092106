import { fail, ok, type Department, type Result } from '@mostrador/shared';
import { newId } from '../../db/ids.ts';
import type { DepartmentRow, DepartmentsRepository } from './departments.repository.ts';

export function toDepartment(row: DepartmentRow): Department {
  return { id: row.id, slug: row.slug, name: row.name, routing: row.routing };
}

/** Departments of a site, and which agents serve each. */
export class DepartmentsService {
  /** Read on every routing decision; kept in memory and dropped on each write. */
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly repo: DepartmentsRepository) {}

  private cached<T>(key: string, load: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as T;
  }

  create(siteId: string, input: Pick<DepartmentRow, 'slug' | 'name' | 'routing'>): Result<DepartmentRow> {
    if (this.repo.bySlug(siteId, input.slug)) return fail('conflict', `A department "${input.slug}" already exists`);
    const row: DepartmentRow = { id: newId('dep'), siteId, ...input, createdAt: Date.now() };
    this.repo.insert(row);
    this.cache.clear();
    return ok(row);
  }

  update(siteId: string, id: string, changes: Partial<Pick<DepartmentRow, 'name' | 'routing'>>): Result<DepartmentRow> {
    const existing = this.repo.byId(siteId, id);
    if (!existing) return fail('not_found', 'No such department');
    if (Object.keys(changes).length === 0) return ok(existing);
    const updated = this.repo.update(siteId, id, changes);
    this.cache.clear();
    return ok(updated ?? existing);
  }

  byId(siteId: string, id: string): DepartmentRow | undefined {
    return this.cached(`id:${siteId}:${id}`, () => this.repo.byId(siteId, id));
  }

  bySlug(siteId: string, slug: string): DepartmentRow | undefined {
    return this.cached(`slug:${siteId}:${slug}`, () => this.repo.bySlug(siteId, slug));
  }

  list(siteId: string): DepartmentRow[] {
    return this.cached(`site:${siteId}`, () => this.repo.listBySite(siteId));
  }

  departmentIdsOf(siteId: string, agentId: string): string[] {
    return this.cached(`agent:${siteId}:${agentId}`, () => this.repo.departmentIdsOf(siteId, agentId));
  }

  agentIdsIn(siteId: string, departmentId: string): string[] {
    return this.cached(`members:${siteId}:${departmentId}`, () => this.repo.agentIdsIn(siteId, departmentId));
  }

  /** Whether every id is a department of the site; another site's answers like a missing one. */
  checkDepartments(siteId: string, departmentIds: readonly string[]): Result<string[]> {
    const unique = [...new Set(departmentIds)];
    const known = this.repo.existingIds(siteId, unique);
    return known.length === unique.length ? ok(unique) : fail('not_found', 'No such department');
  }

  /** Replaces an agent's memberships; refuses departments of another site. */
  setMemberships(siteId: string, agentId: string, departmentIds: string[]): Result<string[]> {
    const checked = this.checkDepartments(siteId, departmentIds);
    if (!checked.ok) return checked;
    const unique = checked.data;
    this.repo.setMemberships(siteId, agentId, unique);
    this.cache.clear();
    return ok(unique);
  }
}
