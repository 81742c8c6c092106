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
import { OneAtATime } from '../../db/one-at-a-time.ts';
import type { AuthenticatedAgent } from '../../plugins/session.ts';
import type { AgentColumns, AgentRow, AgentsRepository } from './agents.repository.ts';
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

/** By name, as code units compare: the same order whichever engine the rows came from. */
function byName(a: AgentRow, b: AgentRow): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

interface SiteAgents {
  rows: AgentRow[];
  byId: Map<string, AgentRow>;
}

export class AgentsService {
  /**
   * Agents by site, read on every routing decision and every inbox row: all
   * kept in memory, read by `load()` before the app serves and refreshed by
   * every write made here (writes and reads again run one at a time, so the
   * copy ends as the table does), and by `reload` when another node tells of
   * its write. Looked up by site first, so another site's agent is never
   * found. Logins, password checks and sessions read the table instead, so a
   * change made on another node counts at once there.
   */
  #bySite = new Map<string, SiteAgents>();
  readonly #writes = new OneAtATime();
  readonly #changeListeners: Array<(siteId: string, agentId: string) => void> = [];

  constructor(
    private readonly repo: AgentsRepository,
    private readonly departmentIdsOf: (siteId: string, agentId: string) => string[],
    /** The agent's picture (the avatars module's answer). */
    private readonly pictureOf: (agentId: string) => AgentPicture = () => null,
  ) {}

  /** Reads every agent (before the app serves; again, it replaces the copy). */
  load(): Promise<void> {
    return this.#writes.run(async () => {
      const rows = await this.repo.all();
      this.#bySite = new Map();
      for (const row of rows) this.#remember(row);
    });
  }

  /** Reads one agent again from the table: another node wrote it (or created it). */
  reload(siteId: string, agentId: string): Promise<void> {
    return this.#writes.run(async () => {
      const row = await this.repo.byId(siteId, agentId);
      if (row) this.#remember(row);
    });
  }

  /** Called with the agent after each write made here, once it is committed. */
  onChanged(listener: (siteId: string, agentId: string) => void): void {
    this.#changeListeners.push(listener);
  }

  /** A new agent; the email must be free on every site, which the table decides. */
  async create(input: NewAgent): Promise<Result<AgentRow>> {
    const row: AgentRow = {
      id: newId('agt'),
      siteId: input.siteId,
      email: input.email.trim().toLowerCase(),
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
    return this.#writes.run(async () => {
      if (!(await this.repo.insert(row))) return fail('conflict', 'An agent with that email already exists');
      return ok(this.#changed(this.#remember(row)));
    });
  }

  /** `byAgentId` is who edits: nobody may deactivate themselves and lock the site out. */
  async update(siteId: string, agentId: string, changes: AgentChanges, byAgentId?: string): Promise<Result<AgentRow>> {
    if (changes.active === false && agentId === byAgentId) {
      return (await this.repo.byId(siteId, agentId))
        ? fail('conflict', 'You cannot deactivate yourself')
        : fail('not_found', 'No such agent');
    }
    const { password, ...rest } = changes;
    const columns = { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) };
    if (Object.keys(columns).length === 0) {
      const existing = await this.repo.byId(siteId, agentId);
      return existing ? ok(existing) : fail('not_found', 'No such agent');
    }
    const updated = await this.#write(siteId, agentId, columns);
    return updated ? ok(updated) : fail('not_found', 'No such agent');
  }

  setAvailability(siteId: string, agentId: string, availability: AgentAvailability): Promise<AgentRow | undefined> {
    return this.#write(siteId, agentId, { availability });
  }

  /** Two-factor settings: the confirmed secret (null turns it off) and the last time step accepted. */
  async setTotp(siteId: string, agentId: string, changes: Partial<Pick<AgentRow, 'totpSecret' | 'totpLastStep'>>): Promise<void> {
    await this.#write(siteId, agentId, changes);
  }

  /** Accepts a TOTP time step once: false when this step or a later one was accepted before, on any node. */
  async claimTotpStep(siteId: string, agentId: string, step: number): Promise<boolean> {
    const claimed = await this.#writes.run(() => this.repo.claimTotpStep(siteId, agentId, step));
    if (claimed) this.#changed(this.#remember(claimed));
    return claimed !== undefined;
  }

  byId(siteId: string, agentId: string): AgentRow | undefined {
    return this.#bySite.get(siteId)?.byId.get(agentId);
  }

  /** The agent as the table has it now, for what must not trust a copy another node may have outdated (second factor). */
  current(siteId: string, agentId: string): Promise<AgentRow | undefined> {
    return this.repo.byId(siteId, agentId);
  }

  list(siteId: string): AgentRow[] {
    return this.#bySite.get(siteId)?.rows ?? [];
  }

  async #write(siteId: string, agentId: string, columns: AgentColumns): Promise<AgentRow | undefined> {
    const updated = await this.#writes.run(() => this.repo.update(siteId, agentId, columns));
    return updated ? this.#changed(this.#remember(updated)) : undefined;
  }

  #changed(row: AgentRow): AgentRow {
    for (const listener of this.#changeListeners) listener(row.siteId, row.id);
    return row;
  }

  #remember(row: AgentRow): AgentRow {
    let site = this.#bySite.get(row.siteId);
    if (!site) this.#bySite.set(row.siteId, (site = { rows: [], byId: new Map() }));
    site.byId.set(row.id, row);
    // A new array, so a list handed out before stays as it was.
    site.rows = [...site.byId.values()].sort(byName);
    return row;
  }

  /**
   * The active agent with this email and password, or null; never says which
   * was wrong, and takes as long for an unknown email.
   */
  async withCredentials(email: string, password: string): Promise<AgentRow | null> {
    const row = await this.repo.byEmail(email.trim().toLowerCase());
    const valid = await verifyPassword(password, row?.passwordHash ?? DECOY_HASH);
    return row && valid && row.active ? row : null;
  }

  async passwordMatches(siteId: string, agentId: string, password: string): Promise<boolean> {
    const row = await this.repo.byId(siteId, agentId);
    return verifyPassword(password, row?.passwordHash ?? DECOY_HASH).then((valid) => valid && row !== undefined);
  }

  /**
   * The agent a session belongs to, as requests and sockets see it; null once
   * deactivated. Read from the table, so a deactivation on another node counts at once.
   */
  async authenticated(agentId: string, sessionId: string): Promise<AuthenticatedAgent | null> {
    const found = await this.repo.withSite(agentId);
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
