import type { departments } from '../../db/schema.ts';

export type DepartmentRow = typeof departments.$inferSelect;
export type DepartmentChanges = Partial<Pick<DepartmentRow, 'name' | 'routing'>>;

/** An agent serving a department. */
export interface Membership {
  agentId: string;
  departmentId: string;
}

/**
 * The only code that touches departments and agent_departments, on either
 * engine (departments.repository.test.ts holds both to one contract). Every
 * write is within the caller's site: another site's department is not found.
 */
export interface DepartmentsRepository {
  /** Every department and every membership: the service keeps them all in memory. */
  all(): Promise<{ departments: DepartmentRow[]; memberships: Membership[] }>;
  /** One site's departments and their memberships, as the table has them now (another node changed them). */
  ofSite(siteId: string): Promise<{ departments: DepartmentRow[]; memberships: Membership[] }>;
  /**
   * Inserts the department unless its site already has one with its slug,
   * which the unique index decides, on any node; false when it did.
   */
  insert(row: DepartmentRow): Promise<boolean>;
  update(siteId: string, id: string, changes: DepartmentChanges): Promise<DepartmentRow | undefined>;
  /**
   * Replaces the agent's memberships of the site's departments in one
   * transaction; ids of other sites' departments insert nothing. Returns the
   * site's departments the agent now serves.
   */
  setMemberships(siteId: string, agentId: string, departmentIds: readonly string[]): Promise<string[]>;
}
