import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { AgentStatus } from '@mostrador/shared';
import type { StatusChange } from '@mostrador/shared/reports';
import type { Db } from '../../db/client.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { agentStatusChanges } from '../../db/schema.ts';
import type { StatusLogRepository } from './status-log.repository.ts';

const CHANGE = { agentId: agentStatusChanges.agentId, status: agentStatusChanges.status, at: agentStatusChanges.at };

/** agent_status_changes on SQLite: appends ride the group commit, as every write near the message path does. */
export class SqliteStatusLogRepository implements StatusLogRepository {
  constructor(
    private readonly db: Db,
    private readonly groupCommit: GroupCommit,
  ) {}

  async append(siteId: string, agentId: string, status: AgentStatus, at: number): Promise<void> {
    await this.groupCommit.run(() => {
      this.db.insert(agentStatusChanges).values({ siteId, agentId, status, at }).run();
    });
  }

  async appendIfChanged(siteId: string, agentId: string, status: AgentStatus, at: number): Promise<void> {
    await this.groupCommit.run(() => {
      const latest = this.db
        .select({ status: agentStatusChanges.status })
        .from(agentStatusChanges)
        .where(eq(agentStatusChanges.agentId, agentId))
        .orderBy(desc(agentStatusChanges.at), desc(agentStatusChanges.id))
        .limit(1)
        .get();
      if ((latest?.status ?? 'offline') !== status) this.db.insert(agentStatusChanges).values({ siteId, agentId, status, at }).run();
    });
  }

  async notOffline(): Promise<{ siteId: string; agentId: string }[]> {
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

  async changesIn(siteId: string, from: number, to: number, agentId?: string): Promise<StatusChange[]> {
    const ofAgent = agentId ? eq(agentStatusChanges.agentId, agentId) : undefined;
    const inside = this.db
      .select(CHANGE)
      .from(agentStatusChanges)
      .where(and(eq(agentStatusChanges.siteId, siteId), gte(agentStatusChanges.at, from), lt(agentStatusChanges.at, to), ofAgent))
      .orderBy(asc(agentStatusChanges.at), asc(agentStatusChanges.id))
      .all();
    const lastBefore = this.db
      .select({ id: sql<number>`max(${agentStatusChanges.id})` })
      .from(agentStatusChanges)
      .where(and(eq(agentStatusChanges.siteId, siteId), lt(agentStatusChanges.at, from), ofAgent))
      .groupBy(agentStatusChanges.agentId);
    const before = this.db
      .select(CHANGE)
      .from(agentStatusChanges)
      .where(sql`${agentStatusChanges.id} IN ${lastBefore}`)
      .orderBy(asc(agentStatusChanges.agentId))
      .all();
    return [...before, ...inside];
  }
}
