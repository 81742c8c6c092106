import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agentSessions } from '../../db/schema.ts';
import type { SessionRow, SessionsRepository } from './sessions.repository.ts';

/** `agent_sessions` on SQLite. */
export class SqliteSessionsRepository implements SessionsRepository {
  constructor(private readonly db: Db) {}

  async insert(row: SessionRow): Promise<void> {
    this.db.insert(agentSessions).values(row).run();
  }

  async live(tokenHash: string, now: number): Promise<SessionRow | undefined> {
    return this.db
      .select()
      .from(agentSessions)
      .where(and(eq(agentSessions.tokenHash, tokenHash), gt(agentSessions.expiresAt, now)))
      .get();
  }

  async liveOf(agentId: string, now: number): Promise<SessionRow[]> {
    return this.db
      .select()
      .from(agentSessions)
      .where(and(eq(agentSessions.agentId, agentId), gt(agentSessions.expiresAt, now)))
      .all();
  }

  async touch(tokenHash: string, at: number): Promise<void> {
    this.db.update(agentSessions).set({ lastSeenAt: at }).where(eq(agentSessions.tokenHash, tokenHash)).run();
  }

  async delete(tokenHash: string): Promise<boolean> {
    return this.db.delete(agentSessions).where(eq(agentSessions.tokenHash, tokenHash)).run().changes > 0;
  }

  async deleteOf(agentId: string, keep: string | null): Promise<string[]> {
    const condition = keep
      ? and(eq(agentSessions.agentId, agentId), ne(agentSessions.tokenHash, keep))
      : eq(agentSessions.agentId, agentId);
    return this.db
      .delete(agentSessions)
      .where(condition)
      .returning({ id: agentSessions.tokenHash })
      .all()
      .map((r) => r.id);
  }

  async deleteExpired(now: number): Promise<void> {
    this.db.delete(agentSessions).where(lt(agentSessions.expiresAt, now)).run();
  }
}
