import { fail, ok, type AgentSession, type Device, type Result } from '@mostrador/shared';
import { hashSecret, newSecret } from '../../db/ids.ts';
import type { AuthenticatedAgent, SessionLookup } from '../../plugins/session.ts';
import type { AgentsService } from './agents.service.ts';
import type { SessionRow, SessionsRepository } from './sessions.repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** "Last seen" is for telling sessions apart, not for auditing: one write a minute per session is plenty. */
const TOUCH_EVERY_MS = 60 * 1000;

/** What the sessions need from outside the module: closing a session's sockets, and naming a device. */
export interface SessionPorts {
  endSockets: (sessionId: string) => void;
  deviceOf: (userAgent: string) => Device;
}

/**
 * Agents' login sessions. Whatever ends a session also closes its sockets at
 * once, so a session that no longer authenticates requests cannot keep
 * acting over a socket opened earlier.
 */
export class SessionsService implements SessionLookup {
  constructor(
    private readonly repo: SessionsRepository,
    private readonly agents: AgentsService,
    private readonly sessionDays: number,
    private readonly ports: SessionPorts,
  ) {}

  /** A new session for an agent who has fully logged in; returns the cookie's token. */
  open(agentId: string, userAgent: string): { token: string; agent: AuthenticatedAgent } | null {
    const token = newSecret();
    const now = Date.now();
    this.repo.deleteExpired(now);
    const sessionId = hashSecret(token);
    this.repo.insert({
      tokenHash: sessionId,
      agentId,
      createdAt: now,
      expiresAt: now + this.sessionDays * DAY_MS,
      lastSeenAt: now,
      userAgent: userAgent.slice(0, 512),
    });
    const agent = this.agents.authenticated(agentId, sessionId);
    return agent ? { token, agent } : null;
  }

  bySessionToken(token: string): AuthenticatedAgent | null {
    const sessionId = hashSecret(token);
    const now = Date.now();
    const session = this.repo.live(sessionId, now);
    if (!session) return null;
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) this.repo.touch(sessionId, now);
    return this.agents.authenticated(session.agentId, sessionId);
  }

  /** Ends the session of this cookie token, sockets included. */
  logout(token: string): void {
    const sessionId = hashSecret(token);
    this.repo.delete(sessionId);
    this.ports.endSockets(sessionId);
  }

  list(agentId: string, currentSessionId: string): AgentSession[] {
    return this.repo
      .liveOf(agentId, Date.now())
      .map((row) => this.view(row, currentSessionId))
      .sort((a, b) => b.lastSeenAt - a.lastSeenAt);
  }

  /** Ends one of the agent's own sessions by its public id; someone else's answers like a missing one. */
  end(agentId: string, publicId: string): Result<null> {
    const row = this.repo.liveOf(agentId, Date.now()).find((r) => publicIdOf(r.tokenHash) === publicId);
    if (!row) return fail('not_found', 'No such session');
    this.repo.delete(row.tokenHash);
    this.ports.endSockets(row.tokenHash);
    return ok(null);
  }

  /** Ends every session of the agent except `keep` (the one asking, when it is the agent's own); returns how many. */
  endAll(agentId: string, keep: string | null = null): number {
    const ended = this.repo.deleteOf(agentId, keep);
    for (const sessionId of ended) this.ports.endSockets(sessionId);
    return ended.length;
  }

  /**
   * Closes the agent's sockets but keeps the sessions: the console reconnects
   * and its new sockets carry the agent's role and departments as they are now.
   */
  dropSockets(agentId: string): void {
    for (const row of this.repo.liveOf(agentId, Date.now())) this.ports.endSockets(row.tokenHash);
  }

  private view(row: SessionRow, currentSessionId: string): AgentSession {
    return {
      id: publicIdOf(row.tokenHash),
      device: this.ports.deviceOf(row.userAgent),
      createdAt: row.createdAt,
      // Sessions from before "last seen" was recorded read as seen when they began.
      lastSeenAt: row.lastSeenAt || row.createdAt,
      current: row.tokenHash === currentSessionId,
    };
  }
}

/** The token's hash is a credential lookup key; the page gets a hash of it instead. */
function publicIdOf(sessionId: string): string {
  return hashSecret(`session:${sessionId}`).slice(0, 22);
}
