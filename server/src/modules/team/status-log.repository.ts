import type { AgentStatus } from '@mostrador/shared';
import type { StatusChange } from '@mostrador/shared/reports';

/**
 * The only code touching agent_status_changes, on either engine
 * (status-log.repository.test.ts holds both to one contract). Every read of
 * the reports takes the site.
 */
export interface StatusLogRepository {
  /**
   * Records one change; settles once it is committed. Appends of one turn
   * share a transaction (SQLite: the group commit's; PostgreSQL: one batch
   * insert), and a later append gets a later id.
   */
  append(siteId: string, agentId: string, status: AgentStatus, at: number): Promise<void>;
  /**
   * Records the change only if the agent's latest recorded status (offline
   * when none) is another, in one step: in a cluster several nodes may
   * tell the same change (every node ends an agent's grace period), and a
   * node cannot know from memory what the others wrote.
   */
  appendIfChanged(siteId: string, agentId: string, status: AgentStatus, at: number): Promise<void>;
  /** Every agent of every site whose latest recorded status is not offline (at start, nobody is connected). */
  notOffline(): Promise<{ siteId: string; agentId: string }[]>;
  /**
   * The site's changes in [from, to), by time then by the order they were
   * recorded in, after each agent's last change before `from` (the status it
   * entered the period with); optionally one agent's.
   */
  changesIn(siteId: string, from: number, to: number, agentId?: string): Promise<StatusChange[]>;
}
