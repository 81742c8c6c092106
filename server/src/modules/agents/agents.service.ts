import { DEFAULT_CAPACITY, fail, ok, type AgentAvailability, type AgentProfile, type AgentRole, type Result } from '@mostrador/shared';
import { hashSecret, newId, newSecret } from '../../db/ids.ts';
import type { AgentRow, AgentsRepository } from './agents.repository.ts';
import { DECOY_HASH, hashPassword, verifyPassword } from './password.ts';

export interface NewAgent {
  siteId: string;
  email: string;
  name: string;
  role: AgentRole;
  password: string;
  capacity?: number;
}

export interface AgentChanges {
  name?: string;
  role?: AgentRole;
  capacity?: number;
  password?: string;
}

export interface AuthenticatedAgent {
  profile: AgentProfile;
  siteId: string;
  /** Identifies the login session (a hash of its token), so its sockets can be ended at logout. */
  sessionId: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class AgentsService {
  /**
   * Agents by site, read on every routing decision and every inbox row:
   * kept in memory and dropped on each write (this process is the only writer).
   * Looked up by site first, so another site's agent is never found.
   */
  private readonly bySite = new Map<string, { rows: AgentRow[]; byId: Map<string, AgentRow> }>();

  constructor(
    private readonly repo: AgentsRepository,
    private readonly sessionDays: number,
    private readonly departmentIdsOf: (siteId: string, agentId: string) => string[],
  ) {}

  async create(input: NewAgent): Promise<Result<AgentRow>> {
    const email = input.email.trim().toLowerCase();
    if (this.repo.byEmail(email)) return fail('conflict', 'An agent with that email already exists');
    const row: AgentRow = {
      id: newId('agt'),
      siteId: input.siteId,
      email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      capacity: input.capacity ?? DEFAULT_CAPACITY,
      availability: 'online',
      createdAt: Date.now(),
    };
    this.repo.insert(row);
    this.forget();
    return ok(row);
  }

  async update(siteId: string, agentId: string, changes: AgentChanges): Promise<Result<AgentRow>> {
    const existing = this.repo.byId(siteId, agentId);
    if (!existing) return fail('not_found', 'No such agent');
    const { password, ...rest } = changes;
    const columns = { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) };
    if (Object.keys(columns).length === 0) return ok(existing);
    const updated = this.repo.update(siteId, agentId, columns);
    this.forget();
    return ok(updated ?? existing);
  }

  setAvailability(siteId: string, agentId: string, availability: AgentAvailability): AgentRow | undefined {
    const updated = this.repo.update(siteId, agentId, { availability });
    this.forget();
    return updated;
  }

  byId(siteId: string, agentId: string): AgentRow | undefined {
    return this.site(siteId).byId.get(agentId);
  }

  list(siteId: string): AgentRow[] {
    return this.site(siteId).rows;
  }

  private site(siteId: string): { rows: AgentRow[]; byId: Map<string, AgentRow> } {
    let site = this.bySite.get(siteId);
    if (!site) {
      const rows = this.repo.listBySite(siteId);
      site = { rows, byId: new Map(rows.map((row) => [row.id, row])) };
      this.bySite.set(siteId, site);
    }
    return site;
  }

  private forget(): void {
    this.bySite.clear();
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
    if (!found) return null;
    const profile: AgentProfile = {
      id: found.agent.id,
      name: found.agent.name,
      email: found.agent.email,
      role: found.agent.role,
      capacity: found.agent.capacity,
      departmentIds: this.departmentIdsOf(found.site.id, agentId),
      site: found.site,
    };
    return { profile, siteId: found.site.id, sessionId };
  }
}
