import type { AgentPicture, AgentStatus, AgentSummary, Department } from '@mostrador/shared';
import type { AgentRow, AgentsService } from '../agents/index.ts';
import { toDepartment, type DepartmentsService } from '../departments/index.ts';
import type { PresenceService } from '../presence/index.ts';

export interface Candidate {
  agentId: string;
  capacity: number;
}

export interface NamedRef {
  id: string;
  name: string;
}

/**
 * The team as routing and the console see it: who serves which department,
 * who is available now, and their names. Joins agents, departments and
 * presence; knows nothing of conversations (loads are passed in).
 */
export class TeamService {
  constructor(
    private readonly agents: AgentsService,
    private readonly departments: DepartmentsService,
    private readonly presence: PresenceService,
    /** The agent's picture (the avatars module's answer). */
    private readonly picture: (agentId: string) => AgentPicture = () => null,
  ) {}

  pictureOf(siteId: string, agentId: string): AgentPicture {
    return this.agents.byId(siteId, agentId) ? this.picture(agentId) : null;
  }

  statusOf(agent: Pick<AgentRow, 'id' | 'siteId' | 'availability' | 'active'>): AgentStatus {
    return agent.active && this.presence.isPresent(agent.id, agent.siteId) ? agent.availability : 'offline';
  }

  /** Agents who may get a new conversation of this department now: connected, online, members. */
  candidates(siteId: string, departmentId: string | null): Candidate[] {
    const members = departmentId ? new Set(this.departments.agentIdsIn(siteId, departmentId)) : null;
    return this.agents
      .list(siteId)
      .filter((a) => (members ? members.has(a.id) : true))
      .filter((a) => a.active && a.availability === 'online' && this.presence.isConnected(a.id, siteId))
      .map((a) => ({ agentId: a.id, capacity: a.capacity }));
  }

  agentRef(siteId: string, agentId: string): NamedRef | null {
    const agent = this.agents.byId(siteId, agentId);
    return agent ? { id: agent.id, name: agent.name } : null;
  }

  setAvailability(siteId: string, agentId: string, availability: 'online' | 'away'): Promise<AgentRow | undefined> {
    return this.agents.setAvailability(siteId, agentId, availability);
  }

  capacityOf(siteId: string, agentId: string): number | null {
    return this.agents.byId(siteId, agentId)?.capacity ?? null;
  }

  agent(siteId: string, agentId: string): AgentRow | undefined {
    return this.agents.byId(siteId, agentId);
  }

  departmentRef(siteId: string, departmentId: string | null): NamedRef | null {
    if (!departmentId) return null;
    const row = this.departments.byId(siteId, departmentId);
    return row ? { id: row.id, name: row.name } : null;
  }

  department(siteId: string, departmentId: string): Department | null {
    const row = this.departments.byId(siteId, departmentId);
    return row ? toDepartment(row) : null;
  }

  /** Auto routing unless the department asks for manual take. The site-wide queue is automatic. */
  routingOf(siteId: string, departmentId: string | null): 'auto' | 'manual' {
    return departmentId ? (this.departments.byId(siteId, departmentId)?.routing ?? 'auto') : 'auto';
  }

  departmentBySlug(siteId: string, slug: string): string | null {
    return this.departments.bySlug(siteId, slug)?.id ?? null;
  }

  departmentIdsOf(siteId: string, agentId: string): string[] {
    return this.departments.departmentIdsOf(siteId, agentId);
  }

  departmentList(siteId: string): Department[] {
    return this.departments.list(siteId).map(toDepartment);
  }

  summary(agent: AgentRow, load: number): AgentSummary {
    const picture = this.picture(agent.id);
    return {
      id: agent.id,
      name: agent.name,
      email: agent.email,
      role: agent.role,
      status: this.statusOf(agent),
      load,
      capacity: agent.capacity,
      departmentIds: this.departments.departmentIdsOf(agent.siteId, agent.id),
      active: agent.active,
      // Only when set: a payload without pictures is as it was before them.
      ...(picture && { picture }),
    };
  }

  summaries(siteId: string, loads: ReadonlyMap<string, number>): AgentSummary[] {
    return this.agents.list(siteId).map((a) => this.summary(a, loads.get(a.id) ?? 0));
  }
}
