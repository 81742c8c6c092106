import type { AgentProfile, AgentRole } from '@mostrador/shared';
import { hashSecret, newId, newSecret } from '../../db/ids.ts';
import type { AgentRow, AgentsRepository, SiteOfAgent } from './agents.repository.ts';
import { DECOY_HASH, hashPassword, verifyPassword } from './password.ts';

export interface NewAgent {
  siteId: string;
  email: string;
  name: string;
  role: AgentRole;
  password: string;
}

export interface AuthenticatedAgent {
  profile: AgentProfile;
  siteId: string;
  /** Identifies the login session (a hash of its token), so its sockets can be ended at logout. */
  sessionId: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class AgentsService {
  constructor(
    private readonly repo: AgentsRepository,
    private readonly sessionDays: number,
  ) {}

  async create(input: NewAgent): Promise<AgentRow> {
    const row: AgentRow = {
      id: newId('agt'),
      siteId: input.siteId,
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      createdAt: Date.now(),
    };
    this.repo.insert(row);
    return row;
  }

  /** Returns a session token for the cookie, or null; never says which of email or password was wrong. */
  async login(email: string, password: string): Promise<{ token: string; agent: AuthenticatedAgent } | null> {
    const row = this.repo.byEmail(email.trim().toLowerCase());
    const valid = await verifyPassword(password, row?.passwordHash ?? DECOY_HASH);
    if (!row || !valid) return null;
    const token = newSecret();
    const now = Date.now();
    this.repo.deleteExpiredSessions(now);
    const sessionId = hashSecret(token);
    this.repo.insertSession({
      tokenHash: sessionId,
      agentId: row.id,
      createdAt: now,
      expiresAt: now + this.sessionDays * DAY_MS,
    });
    const agent = this.authenticated(row.id, sessionId);
    return agent ? { token, agent } : null;
  }

  bySessionToken(token: string): AuthenticatedAgent | null {
    const sessionId = hashSecret(token);
    const session = this.repo.liveSession(sessionId, Date.now());
    return session ? this.authenticated(session.agentId, sessionId) : null;
  }

  /** Ends the session and returns its id. */
  logout(token: string): string {
    const sessionId = hashSecret(token);
    this.repo.deleteSession(sessionId);
    return sessionId;
  }

  private authenticated(agentId: string, sessionId: string): AuthenticatedAgent | null {
    const found = this.repo.withSite(agentId);
    return found ? { profile: toProfile(found.agent, found.site), siteId: found.site.id, sessionId } : null;
  }
}

function toProfile(agent: AgentRow, site: SiteOfAgent): AgentProfile {
  return { id: agent.id, name: agent.name, email: agent.email, role: agent.role, site };
}
