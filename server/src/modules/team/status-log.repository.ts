import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { AgentStatus } from '@mostrador/shared';
import type { StatusChange } from '@mostrador/shared/reports';
import type { Db } from '../../db/client.ts';
import { agentStatusChanges } from '../../db/schema.ts';

/** The only code that touches agent_status_changes. Every read takes the site. */
export class StatusLogRepository {
  constructor(private readonly db: Db) {}

  append(siteId: string, agentId: string, status: AgentStatus, at: number): void {
    this.db.insert(agentStatusChanges).values({ siteId, agentId, status, at }).run();
  }

  /** The agent's latest recorded status, or null before its first. */
  latest(siteId: string, agentId: string): AgentStatus | null {
    return (
      this.db
        .select({ status: agentStatusChanges.status })
        .from(agentStatusChanges)
        .where(and(eq(agentStatusChanges.siteId, siteId), eq(agentStatusChanges.agentId, agentId)))
        .orderBy(desc(agentStatusChanges.at), desc(agentStatusChanges.id))
        .limit(1)
        .get()?.status ?? null
    );
  }

  /** Every agent of every site whose latest recorded status is not offline (at start, nobody is connected). */
  notOffline(): { siteId: string; agentId: string }[] {
    const latest = this.db
      .select({ id: sql<number>`max(${agentStatusChanges.id})` })
      .from(agentStatusChanges)
      .groupBy(agentStatusChanges.agentId);
    return this.db
      .select({ siteId: agentStatusChanges.siteId, agentId: agentStatusChanges.agentId })
      .from(agentStatusChanges)
      .where(and(sql`${agentStatusChanges.id} IN ${latest}`, sql`${agentStatusChanges.status} <> 'offline'`))
      .all();
  }

  /**
   * The site's changes in [from, to), and each agent's last change before
   * `from` (the status it entered the period with); optionally one agent's.
   */
  changesIn(siteId: string, from: number, to: number, agentId?: string): StatusChange[] {
    const ofAgent = agentId ? eq(agentStatusChanges.agentId, agentId) : undefined;
    const inside = this.db
      .select({ agentId: agentStatusChanges.agentId, status: agentStatusChanges.status, at: agentStatusChanges.at })
      .from(agentStatusChanges)
      .where(and(eq(agentStatusChanges.siteId, siteId), gte(agentStatusChanges.at, from), lt(agentStatusChanges.at, to), ofAgent))
      .all();
    const lastBefore = this.db
      .select({ id: sql<number>`max(${agentStatusChanges.id})` })
      .from(agentStatusChanges)
      .where(and(eq(agentStatusChanges.siteId, siteId), lt(agentStatusChanges.at, from), ofAgent))
      .groupBy(agentStatusChanges.agentId);
    const before = this.db
      .select({ agentId: agentStatusChanges.agentId, status: agentStatusChanges.status, at: agentStatusChanges.at })
      .from(agentStatusChanges)
      .where(sql`${agentStatusChanges.id} IN ${lastBefore}`)
      .all();
    return [...before, ...inside];
  }
}
