import type { agentSessions } from '../../db/schema.ts';

export type SessionRow = typeof agentSessions.$inferSelect;

/**
 * Agents' login sessions, on either engine (sessions.repository.test.ts holds
 * both to one contract): only hashes of the cookie tokens rest here. Nothing
 * is kept in memory, so a session ended on one node stops authenticating on
 * every node at its next request.
 */
export interface SessionsRepository {
  insert(row: SessionRow): Promise<void>;
  live(tokenHash: string, now: number): Promise<SessionRow | undefined>;
  liveOf(agentId: string, now: number): Promise<SessionRow[]>;
  touch(tokenHash: string, at: number): Promise<void>;
  /** True when the session was there to delete. */
  delete(tokenHash: string): Promise<boolean>;
  /** Deletes the agent's sessions but `keep`; returns the ids deleted. */
  deleteOf(agentId: string, keep: string | null): Promise<string[]>;
  deleteExpired(now: number): Promise<void>;
}
