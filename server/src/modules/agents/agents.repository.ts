import type { agents, sites } from '../../db/schema.ts';

export type AgentRow = typeof agents.$inferSelect;
export type SiteOfAgent = Pick<typeof sites.$inferSelect, 'id' | 'name' | 'key'>;
export type AgentColumns = Partial<
  Pick<AgentRow, 'name' | 'role' | 'capacity' | 'passwordHash' | 'availability' | 'active' | 'totpSecret' | 'totpLastStep'>
>;

/**
 * The only code touching `agents`, on either engine (agents.repository.test.ts
 * holds both to one contract). An email belongs to one agent of any site (it
 * is the login), which the unique index holds on every node. Reads and
 * writes by id are within the site: another site's agent is not found.
 */
export interface AgentsRepository {
  /** Every agent: the service keeps them all in memory. */
  all(): Promise<AgentRow[]>;
  /** Inserts the agent unless the email is taken; false when it is. */
  insert(row: AgentRow): Promise<boolean>;
  byId(siteId: string, id: string): Promise<AgentRow | undefined>;
  update(siteId: string, id: string, changes: AgentColumns): Promise<AgentRow | undefined>;
  /**
   * Records the TOTP time step accepted, only if it is later than the last
   * one: a claim, so a code is accepted once even by two nodes at once.
   * Returns the row when this call claimed the step.
   */
  claimTotpStep(siteId: string, id: string, step: number): Promise<AgentRow | undefined>;
  byEmail(email: string): Promise<AgentRow | undefined>;
  withSite(agentId: string): Promise<{ agent: AgentRow; site: SiteOfAgent } | undefined>;
}
