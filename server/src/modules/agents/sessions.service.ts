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
  async open(agentId: string, userAgent: string): Promise<{ token: string; agent: AuthenticatedAgent } | null> {
    const token = newSecret();
    const now = Date.now();
    await this.repo.deleteExpired(now);
    const sessionId = hashSecret(token);
    await this.repo.insert({
      tokenHash: sessionId,
      agentId,
      createdAt: now,
      expiresAt: now + this.sessionDays * DAY_MS,
      lastSeenAt: now,
      userAgent: userAgent.slice(0, 512),
    });
    const agent = await this.agents.authenticated(agentId, sessionId);
    return agent ? { token, agent } : null;
  }

  /**
   * Read from the table on every request and socket handshake, not from a
   * copy: a session ended on any node stops authenticating everywhere at once.
   */
  async bySessionToken(token: string): Promise<AuthenticatedAgent | null> {
    const sessionId = hashSecret(token);
    const now = Date.now();
    const session = await this.repo.live(sessionId, now);
    if (!session) return null;
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await this.repo.touch(sessionId, now);
    return this.agents.authenticated(session.agentId, sessionId);
  }

  /** Ends the session of this cookie token, sockets included. */
  async logout(token: string): Promise<void> {
    const sessionId = hashSecret(token);
    await this.repo.delete(sessionId);
    this.ports.endSockets(sessionId);
  }

  async list(agentId: string, currentSessionId: string): Promise<AgentSession[]> {
    return (await this.repo.liveOf(agentId, Date.now()))
      .map((row) => this.view(row, currentSessionId))
      .sort((a, b) => b.lastSeenAt - a.lastSeenAt);
  }

  /** Ends one of the agent's own sessions by its public id; someone else's answers like a missing one. */
  async end(agentId: string, publicId: string): Promise<Result<null>> {
    const row = (await this.repo.liveOf(agentId, Date.now())).find((r) => publicIdOf(r.tokenHash) === publicId);
    // Gone already when another request ended it in between: missing, as for a session never there.
    if (!row || !(await this.repo.delete(row.tokenHash))) return fail('not_found', 'No such session');
    this.ports.endSockets(row.tokenHash);
    return ok(null);
  }

  /** Ends every session of the agent except `keep` (the one asking, when it is the agent's own); returns how many. */
  async endAll(agentId: string, keep: string | null = null): Promise<number> {
    const ended = await this.repo.deleteOf(agentId, keep);
    for (const sessionId of ended) this.ports.endSockets(sessionId);
    return ended.length;
  }

  /**
   * Closes the agent's sockets but keeps the sessions: the console reconnects
   * and its new sockets carry the agent's role and departments as they are now.
   */
  async dropSockets(agentId: string): Promise<void> {
    for (const row of await this.repo.liveOf(agentId, Date.now())) this.ports.endSockets(row.tokenHash);
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
