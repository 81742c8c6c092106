import { and, asc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { AgentStatus } from '@mostrador/shared';
import type { StatusChange } from '@mostrador/shared/reports';
import { advisoryXactLock } from '../../db/pg/advisory-lock.ts';
import { InsertBatch } from '../../db/pg/insert-batch.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { agentStatusChanges } from '../../db/pg/schema/index.ts';
import type { StatusLogRepository } from './status-log.repository.ts';

const CHANGE = { agentId: agentStatusChanges.agentId, status: agentStatusChanges.status, at: agentStatusChanges.at };

/** agent_status_changes on PostgreSQL: the same contract as the SQLite repository's. */
export class PgStatusLogRepository implements StatusLogRepository {
  // What the group commit does for SQLite: one insert for the changes of one turn.
  readonly #appends: InsertBatch<typeof agentStatusChanges.$inferInsert>;

  constructor(private readonly db: PgDb) {
    this.#appends = new InsertBatch((rows) => db.insert(agentStatusChanges).values(rows));
  }

  append(siteId: string, agentId: string, status: AgentStatus, at: number): Promise<void> {
    return this.#appends.add({ siteId, agentId, status, at });
  }

  async appendIfChanged(siteId: string, agentId: string, status: AgentStatus, at: number): Promise<void> {
    // Every node tells the same change when an agent's grace period ends, at about the same moment: the agent's
    // lock makes the second wait for the first, and its insert (a statement of its own, so a later snapshot) sees the row.
    await this.db.transaction(async (tx) => {
      await advisoryXactLock(tx, `agent_status:${agentId}`);
      await tx.execute(sql`
        INSERT INTO agent_status_changes (site_id, agent_id, status, at)
        SELECT ${siteId}::text, ${agentId}::text, ${status}::text, ${at}::bigint
        WHERE coalesce(
          (SELECT status FROM agent_status_changes WHERE agent_id = ${agentId}::text ORDER BY at DESC, id DESC LIMIT 1),
          'offline'
        ) <> ${status}::text`);
    });
  }

  notOffline(): Promise<{ siteId: string; agentId: string }[]> {
    const latest = this.db
      .select({ id: sql<number>`max(${agentStatusChanges.id})` })
      .from(agentStatusChanges)
      .groupBy(agentStatusChanges.agentId);
    return this.db
      .select({ siteId: agentStatusChanges.siteId, agentId: agentStatusChanges.agentId })
      .from(agentStatusChanges)
      .where(and(inArray(agentStatusChanges.id, latest), ne(agentStatusChanges.status, 'offline')));
  }

  async changesIn(siteId: string, from: number, to: number, agentId?: string): Promise<StatusChange[]> {
    const ofAgent = agentId ? eq(agentStatusChanges.agentId, agentId) : undefined;
    const lastBefore = this.db
      .select({ id: sql<number>`max(${agentStatusChanges.id})` })
      .from(agentStatusChanges)
      .where(and(eq(agentStatusChanges.siteId, siteId), lt(agentStatusChanges.at, from), ofAgent))
      .groupBy(agentStatusChanges.agentId);
    const [before, inside] = await Promise.all([
      this.db
        .select(CHANGE)
        .from(agentStatusChanges)
        .where(inArray(agentStatusChanges.id, lastBefore))
        .orderBy(asc(agentStatusChanges.agentId)),
      this.db
        .select(CHANGE)
        .from(agentStatusChanges)
        .where(and(eq(agentStatusChanges.siteId, siteId), gte(agentStatusChanges.at, from), lt(agentStatusChanges.at, to), ofAgent))
        .orderBy(asc(agentStatusChanges.at), asc(agentStatusChanges.id)),
    ]);
    return [...before, ...inside];
  }
}
