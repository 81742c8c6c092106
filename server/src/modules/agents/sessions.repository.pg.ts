import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { agentSessions } from '../../db/pg/schema/index.ts';
import type { SessionRow, SessionsRepository } from './sessions.repository.ts';

/** `agent_sessions` on PostgreSQL: the same contract as the SQLite repository's. */
export class PgSessionsRepository implements SessionsRepository {
  constructor(private readonly db: PgDb) {}

  async insert(row: SessionRow): Promise<void> {
    await this.db.insert(agentSessions).values(row);
  }

  async live(tokenHash: string, now: number): Promise<SessionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(agentSessions)
      .where(and(eq(agentSessions.tokenHash, tokenHash), gt(agentSessions.expiresAt, now)));
    return row;
  }

  liveOf(agentId: string, now: number): Promise<SessionRow[]> {
    return this.db
      .select()
      .from(agentSessions)
      .where(and(eq(agentSessions.agentId, agentId), gt(agentSessions.expiresAt, now)));
  }

  async touch(tokenHash: string, at: number): Promise<void> {
    await this.db.update(agentSessions).set({ lastSeenAt: at }).where(eq(agentSessions.tokenHash, tokenHash));
  }

  async delete(tokenHash: string): Promise<boolean> {
    const deleted = await this.db
      .delete(agentSessions)
      .where(eq(agentSessions.tokenHash, tokenHash))
      .returning({ id: agentSessions.tokenHash });
    return deleted.length > 0;
  }

  async deleteOf(agentId: string, keep: string | null): Promise<string[]> {
    const condition = keep
      ? and(eq(agentSessions.agentId, agentId), ne(agentSessions.tokenHash, keep))
      : eq(agentSessions.agentId, agentId);
    const deleted = await this.db.delete(agentSessions).where(condition).returning({ id: agentSessions.tokenHash });
    return deleted.map((r) => r.id);
  }

  async deleteExpired(now: number): Promise<void> {
    await this.db.delete(agentSessions).where(lt(agentSessions.expiresAt, now));
  }
}
