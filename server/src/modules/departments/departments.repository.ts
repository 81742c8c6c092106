import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agentDepartments, departments } from '../../db/schema.ts';

export type DepartmentRow = typeof departments.$inferSelect;

/** The only code that touches departments and agent_departments. */
export class DepartmentsRepository {
  constructor(private readonly db: Db) {}

  insert(row: DepartmentRow): void {
    this.db.insert(departments).values(row).run();
  }

  update(id: string, changes: Partial<Pick<DepartmentRow, 'name' | 'routing'>>): DepartmentRow | undefined {
    return this.db.update(departments).set(changes).where(eq(departments.id, id)).returning().get();
  }

  byId(id: string): DepartmentRow | undefined {
    return this.db.select().from(departments).where(eq(departments.id, id)).get();
  }

  bySlug(siteId: string, slug: string): DepartmentRow | undefined {
    return this.db
      .select()
      .from(departments)
      .where(and(eq(departments.siteId, siteId), eq(departments.slug, slug)))
      .get();
  }

  listBySite(siteId: string): DepartmentRow[] {
    return this.db.select().from(departments).where(eq(departments.siteId, siteId)).orderBy(asc(departments.name)).all();
  }

  departmentIdsOf(agentId: string): string[] {
    return this.db
      .select({ id: agentDepartments.departmentId })
      .from(agentDepartments)
      .where(eq(agentDepartments.agentId, agentId))
      .all()
      .map((r) => r.id);
  }

  agentIdsIn(departmentId: string): string[] {
    return this.db
      .select({ id: agentDepartments.agentId })
      .from(agentDepartments)
      .where(eq(agentDepartments.departmentId, departmentId))
      .all()
      .map((r) => r.id);
  }

  setMemberships(agentId: string, departmentIds: string[]): void {
    this.db.delete(agentDepartments).where(eq(agentDepartments.agentId, agentId)).run();
    if (departmentIds.length > 0) {
      this.db
        .insert(agentDepartments)
        .values(departmentIds.map((departmentId) => ({ agentId, departmentId })))
        .run();
    }
  }

  existingIds(siteId: string, ids: string[]): string[] {
    if (ids.length === 0) return [];
    return this.db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.siteId, siteId), inArray(departments.id, ids)))
      .all()
      .map((r) => r.id);
  }
}
