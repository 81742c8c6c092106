import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agentDepartments, departments } from '../../db/schema.ts';

export type DepartmentRow = typeof departments.$inferSelect;

/**
 * The only code that touches departments and agent_departments. Every read
 * and write is within the caller's site: another site's department is not found.
 */
export class DepartmentsRepository {
  constructor(private readonly db: Db) {}

  insert(row: DepartmentRow): void {
    this.db.insert(departments).values(row).run();
  }

  update(siteId: string, id: string, changes: Partial<Pick<DepartmentRow, 'name' | 'routing'>>): DepartmentRow | undefined {
    return this.db
      .update(departments)
      .set(changes)
      .where(and(eq(departments.siteId, siteId), eq(departments.id, id)))
      .returning()
      .get();
  }

  byId(siteId: string, id: string): DepartmentRow | undefined {
    return this.db
      .select()
      .from(departments)
      .where(and(eq(departments.siteId, siteId), eq(departments.id, id)))
      .get();
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

  departmentIdsOf(siteId: string, agentId: string): string[] {
    return this.db
      .select({ id: agentDepartments.departmentId })
      .from(agentDepartments)
      .innerJoin(departments, eq(departments.id, agentDepartments.departmentId))
      .where(and(eq(departments.siteId, siteId), eq(agentDepartments.agentId, agentId)))
      .all()
      .map((r) => r.id);
  }

  agentIdsIn(siteId: string, departmentId: string): string[] {
    return this.db
      .select({ id: agentDepartments.agentId })
      .from(agentDepartments)
      .innerJoin(departments, eq(departments.id, agentDepartments.departmentId))
      .where(and(eq(departments.siteId, siteId), eq(agentDepartments.departmentId, departmentId)))
      .all()
      .map((r) => r.id);
  }

  /** Replaces the agent's memberships of the site's departments; ids of other sites' departments insert nothing. */
  setMemberships(siteId: string, agentId: string, departmentIds: string[]): void {
    const ofSite = this.db.select({ id: departments.id }).from(departments).where(eq(departments.siteId, siteId));
    this.db
      .delete(agentDepartments)
      .where(and(eq(agentDepartments.agentId, agentId), inArray(agentDepartments.departmentId, ofSite)))
      .run();
    if (departmentIds.length > 0) {
      this.db
        .insert(agentDepartments)
        .select(
          this.db
            .select({ agentId: sql`${agentId}`.as('agent_id'), departmentId: departments.id })
            .from(departments)
            .where(and(eq(departments.siteId, siteId), inArray(departments.id, departmentIds))),
        )
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
