import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { agentDepartments, departments } from '../../db/pg/schema/index.ts';
import type { DepartmentChanges, DepartmentRow, DepartmentsRepository, Membership } from './departments.repository.ts';

/** `departments` and `agent_departments` on PostgreSQL: the same contract as the SQLite repository's. */
export class PgDepartmentsRepository implements DepartmentsRepository {
  constructor(private readonly db: PgDb) {}

  async all(): Promise<{ departments: DepartmentRow[]; memberships: Membership[] }> {
    return { departments: await this.db.select().from(departments), memberships: await this.db.select().from(agentDepartments) };
  }

  async ofSite(siteId: string): Promise<{ departments: DepartmentRow[]; memberships: Membership[] }> {
    const ofSite = this.db.select({ id: departments.id }).from(departments).where(eq(departments.siteId, siteId));
    return {
      departments: await this.db.select().from(departments).where(eq(departments.siteId, siteId)),
      memberships: await this.db.select().from(agentDepartments).where(inArray(agentDepartments.departmentId, ofSite)),
    };
  }

  async insert(row: DepartmentRow): Promise<boolean> {
    const inserted = await this.db
      .insert(departments)
      .values(row)
      .onConflictDoNothing({ target: [departments.siteId, departments.slug] })
      .returning({ id: departments.id });
    return inserted.length > 0;
  }

  async update(siteId: string, id: string, changes: DepartmentChanges): Promise<DepartmentRow | undefined> {
    const [row] = await this.db
      .update(departments)
      .set(changes)
      .where(and(eq(departments.siteId, siteId), eq(departments.id, id)))
      .returning();
    return row;
  }

  setMemberships(siteId: string, agentId: string, departmentIds: readonly string[]): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const ofSite = tx.select({ id: departments.id }).from(departments).where(eq(departments.siteId, siteId));
      await tx.delete(agentDepartments).where(and(eq(agentDepartments.agentId, agentId), inArray(agentDepartments.departmentId, ofSite)));
      if (departmentIds.length === 0) return [];
      const inserted = await tx
        .insert(agentDepartments)
        .select(
          tx
            .select({ agentId: sql<string>`${agentId}`.as('agent_id'), departmentId: departments.id })
            .from(departments)
            .where(and(eq(departments.siteId, siteId), inArray(departments.id, [...departmentIds]))),
        )
        .onConflictDoNothing()
        .returning({ id: agentDepartments.departmentId });
      return inserted.map((r) => r.id);
    });
  }
}
