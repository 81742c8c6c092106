import type { AgentAvailability, AgentSummary } from '@mostrador/shared';
import type { ControllerContext } from './controllerContext.ts';

/** Replaces (or adds) one colleague in the team list. */
export function withAgent(agents: readonly AgentSummary[], agent: AgentSummary): AgentSummary[] {
  const index = agents.findIndex((held) => held.id === agent.id);
  if (index === -1) return [...agents, agent];
  return agents.map((held) => (held.id === agent.id ? agent : held));
}

/** Online colleagues with room for one more conversation: who a chat can be handed to. */
export function transferableAgents(agents: readonly AgentSummary[], exclude: readonly string[]): AgentSummary[] {
  return agents.filter((agent) => agent.status === 'online' && agent.load < agent.capacity && !exclude.includes(agent.id));
}

/** Online colleagues not already in the chat: who can be invited to it. */
export function invitableAgents(agents: readonly AgentSummary[], exclude: readonly string[]): AgentSummary[] {
  return agents.filter((agent) => agent.status === 'online' && !exclude.includes(agent.id));
}

/** The team (for transfers and invitations) and the agent's own presence. */
export class TeamSync {
  constructor(private readonly context: ControllerContext) {}

  async load(): Promise<void> {
    const result = await this.context.connection.request('team:list', {});
    if (!result.ok) return;
    const { agents, departments } = result.data;
    this.context.store.update((state) => ({ ...state, team: { agents, departments } }));
  }

  /** The agent's choice survives reconnects: a new socket starts online, so "away" is said again. */
  async restorePresence(): Promise<void> {
    if (this.context.store.get().presence === 'away') await this.setPresence('away');
  }

  async setPresence(status: AgentAvailability): Promise<void> {
    const { store, connection } = this.context;
    const previous = store.get().presence;
    store.update((state) => ({ ...state, presence: status }));
    if (!connection.connected) return;
    const result = await connection.request('presence:set', { status });
    if (result.ok) this.applyAgent(result.data);
    else if (result.error.code !== 'disconnected') store.update((state) => ({ ...state, presence: previous }));
  }

  applyAgent(agent: AgentSummary): void {
    const { store, me } = this.context;
    store.update((state) => ({
      ...state,
      team: { ...state.team, agents: withAgent(state.team.agents, agent) },
      // Another tab of the same agent may have changed the status.
      presence: agent.id === me.id && agent.status !== 'offline' ? agent.status : state.presence,
    }));
  }
}
