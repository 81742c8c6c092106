import type { AgentAvailability, AgentStatus, AgentSummary, OnlineAgents, Team } from '@mostrador/shared';
import type { AgentNamespace } from '../../plugins/realtime.ts';
import type { PresenceService } from '../presence/index.ts';
import type { Candidate, TeamService } from '../team/index.ts';
import type { SocketBroadcaster } from './conversations.broadcast.ts';
import { adminsRoom, agentRoom, agentRooms, departmentRoom } from './rooms.ts';
import { andThen, type InTx } from '../../db/committer.ts';
import type { ConversationsStore } from './conversations.store.ts';
import type { RoutingService } from './routing.service.ts';

/** The widget's header has room for a few faces; the rest are "and others" nobody needs named. */
const MAX_TEAM_SHOWN = 4;
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

/**
 * Where the team meets routing: an agent arriving, leaving, going away or
 * changing departments changes who can take conversations, so each of these
 * tells the site and re-runs assignment.
 */
export class TeamCoordinator {
  private readonly lastOnlineAgents = new Map<string, string>();
  private readonly onlineAgentsListeners: Array<(siteId: string) => void> = [];
  /** Settles once the agents who were in chats before a restart are expected back (the app awaits it before serving). */
  readonly expected: InTx<void>;

  constructor(
    private readonly team: TeamService,
    private readonly presence: PresenceService,
    private readonly repo: ConversationsStore,
    private readonly routing: RoutingService,
    private readonly broadcast: SocketBroadcaster,
    private readonly agents: AgentNamespace,
    /** Whether the site's widget shows who is online (Admin → Branding); then their first names go with the rest. */
    private readonly showsTeam: (siteId: string) => boolean,
    /** Where each change of an agent's status is kept for the reports. */
    private readonly statusLog: { record(siteId: string, agentId: string, status: AgentStatus): void },
    /** A change that could not be told (its loads were not read), logged. */
    private readonly failed: (err: unknown) => void = () => {},
  ) {
    presence.listen({
      changed: (agentId, siteId) => {
        const told = this.changed(agentId, siteId);
        if (told instanceof Promise) told.catch(this.failed);
      },
      wentOffline: (agentId, siteId) => void this.routing.agentWentOffline(agentId, siteId, () => !presence.isPresent(agentId, siteId)),
    });
    /** Who was in a chat before a restart is expected back; read once, at once on SQLite. */
    this.expected = andThen(repo.agentsInOpenChats(), (inChats) => {
      for (const { agentId, siteId } of inChats) presence.expectBack(agentId, siteId);
    });
  }

  /** Called with the site whenever who could answer there changes (the trigger engine's agents-online rules). */
  onOnlineAgentsChanged(listener: (siteId: string) => void): void {
    this.onlineAgentsListeners.push(listener);
  }

  departmentIdsOf(siteId: string, agentId: string): string[] {
    return this.team.departmentIdsOf(siteId, agentId);
  }

  /** Who could take a new conversation now: anyone on the site, and by department. */
  onlineAgents(siteId: string): OnlineAgents {
    const online = this.team.candidates(siteId, null);
    return {
      any: online.length > 0,
      departments: this.team
        .departmentList(siteId)
        .filter((d) => this.team.candidates(siteId, d.id).length > 0)
        .map((d) => d.id),
      ...(online.length > 0 && this.showsTeam(siteId) && this.faces(siteId, online.slice(0, MAX_TEAM_SHOWN))),
    };
  }

  /** The first names of the team shown, and their pictures in the same order when any of them has one. */
  private faces(siteId: string, shown: Candidate[]): Pick<OnlineAgents, 'team' | 'pictures'> {
    const team = shown.map((c) => firstName(this.team.agentRef(siteId, c.agentId)?.name ?? ''));
    const pictures = shown.map((c) => this.team.pictureOf(siteId, c.agentId));
    return pictures.some(Boolean) ? { team, pictures } : { team };
  }

  socketConnected(agentId: string, siteId: string): void {
    this.presence.socketConnected(agentId, siteId);
  }

  socketDisconnected(agentId: string, siteId: string): void {
    this.presence.socketDisconnected(agentId, siteId);
  }

  async setAvailability(agentId: string, siteId: string, availability: AgentAvailability): Promise<AgentSummary> {
    await this.team.setAvailability(siteId, agentId, availability);
    return (await this.changed(agentId, siteId))!;
  }

  list(siteId: string): InTx<Team> {
    return andThen(this.repo.loads(siteId), (loads) => ({
      agents: this.team.summaries(siteId, loads),
      departments: this.team.departmentList(siteId),
    }));
  }

  /** After an admin edits an agent: its sockets move to the right rooms, and routing re-runs. */
  agentEdited(agentId: string, siteId: string): InTx<AgentSummary | null> {
    const agent = this.team.agent(siteId, agentId);
    if (!agent) return null;
    const sockets = this.agents.in(agentRoom(agentId));
    sockets.socketsLeave([...this.team.departmentList(siteId).map((d) => departmentRoom(d.id)), adminsRoom(siteId)]);
    sockets.socketsJoin(agentRooms({ agentId, siteId, role: agent.role }, this.team.departmentIdsOf(siteId, agentId)));
    return this.changed(agentId, siteId);
  }

  /** An agent's picture changed: the console's team list and the widgets' team line hear of it. */
  pictureChanged(agentId: string, siteId: string): InTx<unknown> {
    return this.changed(agentId, siteId);
  }

  /** Routing settings changed (a department's mode): re-run assignment. */
  routingChanged(siteId: string): void {
    void this.routing.drain(siteId);
  }

  /** Widgets hear only real changes: an agent going away while a colleague stays online changes nothing for them. */
  private tellVisitorsIfOnlineAgentsChanged(siteId: string): void {
    const now = this.onlineAgents(siteId);
    const key = JSON.stringify(now);
    if (this.lastOnlineAgents.get(siteId) === key) return;
    this.lastOnlineAgents.set(siteId, key);
    this.broadcast.onlineAgentsChanged(siteId, now);
    for (const listener of this.onlineAgentsListeners) listener(siteId);
  }

  private changed(agentId: string, siteId: string): InTx<AgentSummary | null> {
    const agent = this.team.agent(siteId, agentId);
    if (!agent) return null;
    return andThen(this.repo.loads(siteId), (loads) => {
      const summary = this.team.summary(agent, loads.get(agentId) ?? 0);
      this.statusLog.record(siteId, agentId, summary.status);
      this.broadcast.presenceChanged(siteId, summary);
      this.tellVisitorsIfOnlineAgentsChanged(siteId);
      void this.routing.drain(siteId);
      return summary;
    });
  }
}
