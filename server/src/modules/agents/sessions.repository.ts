import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agentSessions } from '../../db/schema.ts';

export type SessionRow = typeof agentSessions.$inferSelect;

/** Agents' login sessions: only hashes of the cookie tokens rest here. */
export class SessionsRepository {
  constructor(private readonly db: Db) {}

  insert(row: SessionRow): void {
    this.db.insert(agentSessions).values(row).run();
  }

  live(tokenHash: string, now: number): SessionRow | undefined {
    return this.db
      .select()
      .from(agentSessions)
      .where(and(eq(agentSessions.tokenHash, tokenHash), gt(agentSessions.expiresAt, now)))
      .get();
  }

  liveOf(agentId: string, now: number): SessionRow[] {
    return this.db
      .select()
      .from(agentSessions)
      .where(and(eq(agentSessions.agentId, agentId), gt(agentSessions.expiresAt, now)))
      .all();
  }

  touch(tokenHash: string, at: number): void {
    this.db.update(agentSessions).set({ lastSeenAt: at }).where(eq(agentSessions.tokenHash, tokenHash)).run();
  }

  delete(tokenHash: string): void {
    this.db.delete(agentSessions).where(eq(agentSessions.tokenHash, tokenHash)).run();
  }

  /** Deletes the agent's sessions but `keep`; returns the ids deleted. */
  deleteOf(agentId: string, keep: string | null): string[] {
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

  deleteExpired(now: number): void {
    this.db.delete(agentSessions).where(lt(agentSessions.expiresAt, now)).run();
  }
}
