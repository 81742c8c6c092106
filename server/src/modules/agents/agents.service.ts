import {
  DEFAULT_CAPACITY,
  fail,
  ok,
  type AgentAvailability,
  type AgentPicture,
  type AgentProfile,
  type AgentRole,
  type Result,
} from '@mostrador/shared';
import { newId } from '../../db/ids.ts';
import type { AuthenticatedAgent } from '../../plugins/session.ts';
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
  active?: boolean;
}

export class AgentsService {
  /**
   * Agents by site, read on every routing decision and every inbox row:
   * kept in memory and dropped on each write (this process is the only writer).
   * Looked up by site first, so another site's agent is never found.
   */
  private readonly bySite = new Map<string, { rows: AgentRow[]; byId: Map<string, AgentRow> }>();

  constructor(
    private readonly repo: AgentsRepository,
    private readonly departmentIdsOf: (siteId: string, agentId: string) => string[],
    /** The agent's picture (the avatars module's answer). */
    private readonly pictureOf: (agentId: string) => AgentPicture = () => null,
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
      active: true,
      totpSecret: null,
      totpLastStep: null,
    };
    this.repo.insert(row);
    this.forget();
    return ok(row);
  }

  /** `byAgentId` is who edits: nobody may deactivate themselves and lock the site out. */
  async update(siteId: string, agentId: string, changes: AgentChanges, byAgentId?: string): Promise<Result<AgentRow>> {
    const existing = this.repo.byId(siteId, agentId);
    if (!existing) return fail('not_found', 'No such agent');
    if (changes.active === false && agentId === byAgentId) return fail('conflict', 'You cannot deactivate yourself');
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

  /** Two-factor settings: the confirmed secret (null turns it off) and the last time step accepted. */
  setTotp(siteId: string, agentId: string, changes: Partial<Pick<AgentRow, 'totpSecret' | 'totpLastStep'>>): void {
    this.repo.update(siteId, agentId, changes);
    this.forget();
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

  /**
   * The active agent with this email and password, or null; never says which
   * was wrong, and takes as long for an unknown email.
   */
  async withCredentials(email: string, password: string): Promise<AgentRow | null> {
    const row = this.repo.byEmail(email.trim().toLowerCase());
    const valid = await verifyPassword(password, row?.passwordHash ?? DECOY_HASH);
    return row && valid && row.active ? row : null;
  }

  async passwordMatches(siteId: string, agentId: string, password: string): Promise<boolean> {
    const row = this.repo.byId(siteId, agentId);
    return verifyPassword(password, row?.passwordHash ?? DECOY_HASH).then((valid) => valid && row !== undefined);
  }

  /** The agent a session belongs to, as requests and sockets see it; null once deactivated. */
  authenticated(agentId: string, sessionId: string): AuthenticatedAgent | null {
    const found = this.repo.withSite(agentId);
    if (!found || !found.agent.active) return null;
    const profile: AgentProfile = {
      id: found.agent.id,
      name: found.agent.name,
      email: found.agent.email,
      role: found.agent.role,
      capacity: found.agent.capacity,
      departmentIds: this.departmentIdsOf(found.site.id, agentId),
      site: found.site,
    };
    const picture = this.pictureOf(agentId);
    if (picture) profile.picture = picture;
    return { profile, siteId: found.site.id, sessionId };
  }
}
