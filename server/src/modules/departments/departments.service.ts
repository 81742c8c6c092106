import { fail, ok, type Department, type Result } from '@mostrador/shared';
import { newId } from '../../db/ids.ts';
import { OneAtATime } from '../../db/one-at-a-time.ts';
import type { DepartmentChanges, DepartmentRow, DepartmentsRepository, Membership } from './departments.repository.ts';

export function toDepartment(row: DepartmentRow): Department {
  return { id: row.id, slug: row.slug, name: row.name, routing: row.routing };
}

/** By name, as code units compare: the same order whichever engine the rows came from. */
function byName(a: DepartmentRow, b: DepartmentRow): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Departments of a site, and which agents serve each. Read on every routing
 * decision, so all of them are kept in memory, read by `load()` before the
 * app serves and refreshed by every write made here, and a site's read again
 * by `reload` when another node tells of its write; writes and reads run one
 * at a time, so the copy ends as the table does.
 */
export class DepartmentsService {
  #byId = new Map<string, DepartmentRow>();
  /** Each site's departments by name; rebuilt on each write. */
  #bySite = new Map<string, DepartmentRow[]>();
  /** The agents serving each department. */
  #members = new Map<string, Set<string>>();
  readonly #writes = new OneAtATime();
  readonly #changeListeners: Array<(siteId: string) => void> = [];

  constructor(private readonly repo: DepartmentsRepository) {}

  /** Reads every department and membership (before the app serves; again, it replaces the copy). */
  load(): Promise<void> {
    return this.#writes.run(async () => {
      const { departments, memberships } = await this.repo.all();
      this.#byId = new Map(departments.map((row) => [row.id, row]));
      this.#members = new Map();
      for (const m of memberships) this.#join(m);
      this.#sortSites();
    });
  }

  /** Reads one site's departments and memberships again from the table: another node wrote them. */
  reload(siteId: string): Promise<void> {
    return this.#writes.run(async () => {
      const { departments, memberships } = await this.repo.ofSite(siteId);
      for (const row of this.list(siteId)) {
        this.#byId.delete(row.id);
        this.#members.delete(row.id);
      }
      for (const row of departments) this.#byId.set(row.id, row);
      for (const m of memberships) this.#join(m);
      this.#sortSites();
    });
  }

  /** Called with the site after each write made here (departments or memberships), once it is committed. */
  onChanged(listener: (siteId: string) => void): void {
    this.#changeListeners.push(listener);
  }

  /** A new department; its slug must be free on the site, which the table decides. */
  create(siteId: string, input: Pick<DepartmentRow, 'slug' | 'name' | 'routing'>): Promise<Result<DepartmentRow>> {
    return this.#writes.run(async () => {
      const row: DepartmentRow = { id: newId('dep'), siteId, ...input, createdAt: Date.now() };
      if (!(await this.repo.insert(row))) return fail('conflict', `A department "${input.slug}" already exists`);
      this.#remember(row);
      this.#changed(siteId);
      return ok(row);
    });
  }

  update(siteId: string, id: string, changes: DepartmentChanges): Promise<Result<DepartmentRow>> {
    return this.#writes.run(async () => {
      if (Object.keys(changes).length === 0) {
        const existing = this.byId(siteId, id);
        return existing ? ok(existing) : fail('not_found', 'No such department');
      }
      // The table, not the copy, says whether it exists: another node may have created it.
      const updated = await this.repo.update(siteId, id, changes);
      if (!updated) return fail('not_found', 'No such department');
      this.#remember(updated);
      this.#changed(siteId);
      return ok(updated);
    });
  }

  byId(siteId: string, id: string): DepartmentRow | undefined {
    const row = this.#byId.get(id);
    return row?.siteId === siteId ? row : undefined;
  }

  bySlug(siteId: string, slug: string): DepartmentRow | undefined {
    return this.list(siteId).find((d) => d.slug === slug);
  }

  list(siteId: string): DepartmentRow[] {
    return this.#bySite.get(siteId) ?? [];
  }

  departmentIdsOf(siteId: string, agentId: string): string[] {
    return this.list(siteId)
      .filter((d) => this.#members.get(d.id)?.has(agentId))
      .map((d) => d.id)
      .sort();
  }

  agentIdsIn(siteId: string, departmentId: string): string[] {
    return this.byId(siteId, departmentId) ? [...(this.#members.get(departmentId) ?? [])] : [];
  }

  /** Whether every id is a department of the site; another site's answers like a missing one. */
  checkDepartments(siteId: string, departmentIds: readonly string[]): Result<string[]> {
    const unique = [...new Set(departmentIds)];
    return unique.every((id) => this.byId(siteId, id)) ? ok(unique) : fail('not_found', 'No such department');
  }

  /** Replaces an agent's memberships; refuses departments of another site. */
  setMemberships(siteId: string, agentId: string, departmentIds: string[]): Promise<Result<string[]>> {
    return this.#writes.run(async () => {
      const checked = this.checkDepartments(siteId, departmentIds);
      if (!checked.ok) return checked;
      const serving = new Set(await this.repo.setMemberships(siteId, agentId, checked.data));
      for (const department of this.list(siteId)) {
        if (serving.has(department.id)) this.#join({ agentId, departmentId: department.id });
        else this.#members.get(department.id)?.delete(agentId);
      }
      this.#changed(siteId);
      return ok(checked.data);
    });
  }

  #changed(siteId: string): void {
    for (const listener of this.#changeListeners) listener(siteId);
  }

  #remember(row: DepartmentRow): void {
    this.#byId.set(row.id, row);
    this.#sortSites();
  }

  #join({ agentId, departmentId }: Membership): void {
    let members = this.#members.get(departmentId);
    if (!members) this.#members.set(departmentId, (members = new Set()));
    members.add(agentId);
  }

  #sortSites(): void {
    const bySite = new Map<string, DepartmentRow[]>();
    for (const row of this.#byId.values()) {
      const rows = bySite.get(row.siteId);
      if (rows) rows.push(row);
      else bySite.set(row.siteId, [row]);
    }
    for (const rows of bySite.values()) rows.sort(byName);
    this.#bySite = bySite;
  }
}
