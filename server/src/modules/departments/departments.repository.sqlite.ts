import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agentDepartments, departments } from '../../db/schema.ts';
import type { DepartmentChanges, DepartmentRow, DepartmentsRepository, Membership } from './departments.repository.ts';

/** `departments` and `agent_departments` on SQLite. */
export class SqliteDepartmentsRepository implements DepartmentsRepository {
  constructor(private readonly db: Db) {}

  async all(): Promise<{ departments: DepartmentRow[]; memberships: Membership[] }> {
    return { departments: this.db.select().from(departments).all(), memberships: this.db.select().from(agentDepartments).all() };
  }

  async ofSite(siteId: string): Promise<{ departments: DepartmentRow[]; memberships: Membership[] }> {
    const ofSite = this.db.select({ id: departments.id }).from(departments).where(eq(departments.siteId, siteId));
    return {
      departments: this.db.select().from(departments).where(eq(departments.siteId, siteId)).all(),
      memberships: this.db.select().from(agentDepartments).where(inArray(agentDepartments.departmentId, ofSite)).all(),
    };
  }

  async insert(row: DepartmentRow): Promise<boolean> {
    const inserted = this.db
      .insert(departments)
      .values(row)
      .onConflictDoNothing({ target: [departments.siteId, departments.slug] })
      .returning({ id: departments.id })
      .get();
    return inserted !== undefined;
  }

  async update(siteId: string, id: string, changes: DepartmentChanges): Promise<DepartmentRow | undefined> {
    return this.db
      .update(departments)
      .set(changes)
      .where(and(eq(departments.siteId, siteId), eq(departments.id, id)))
      .returning()
      .get();
  }

  async setMemberships(siteId: string, agentId: string, departmentIds: readonly string[]): Promise<string[]> {
    return this.db.transaction((tx) => {
      const ofSite = tx.select({ id: departments.id }).from(departments).where(eq(departments.siteId, siteId));
      tx.delete(agentDepartments)
        .where(and(eq(agentDepartments.agentId, agentId), inArray(agentDepartments.departmentId, ofSite)))
        .run();
      if (departmentIds.length === 0) return [];
      return tx
        .insert(agentDepartments)
        .select(
          tx
            .select({ agentId: sql`${agentId}`.as('agent_id'), departmentId: departments.id })
            .from(departments)
            .where(and(eq(departments.siteId, siteId), inArray(departments.id, [...departmentIds]))),
        )
        .onConflictDoNothing()
        .returning({ id: agentDepartments.departmentId })
        .all()
        .map((r) => r.id);
    });
  }
}
