import type { ClusterBus, ClusterMessage } from '../realtime/cluster-bus.ts';

/** A copy of one site's rows: it tells of each write made here, and reads a site again or reads everything. */
interface SiteCache {
  onChanged(listener: (siteId: string) => void): void;
  reload(siteId: string): Promise<void>;
  load(): Promise<void>;
}

/** The same, for rows kept per agent. */
interface AgentCache {
  onChanged(listener: (siteId: string, agentId: string) => void): void;
  reload(siteId: string, agentId: string): Promise<void>;
  load(): Promise<void>;
}

/**
 * What each node keeps in memory of the database, because the handshake,
 * routing and the trigger engine read it synchronously. Sessions are not
 * here: they are read from the table on every request (and a session's
 * sockets are closed on every node through Socket.IO's adapter).
 */
export interface NodeCaches {
  sites: SiteCache;
  agents: AgentCache;
  /** Agents' pictures, told as a change of the agent. */
  avatars: AgentCache;
  /** Departments and who serves each. */
  departments: SiteCache;
  hours: SiteCache;
  triggers: Omit<SiteCache, 'onChanged'> & { onRulesEdited(listener: (siteId: string) => void): void };
}

/**
 * Keeps every node's caches as the table is: each write made here is told
 * to the other nodes once it commits (these are admins' and agents' edits,
 * never the message path), and what another node tells is read again from
 * the table; when messages may have been lost, everything is. The node that
 * wrote is the only one to tell sockets (through the adapter, which reaches
 * every node's): the others only read again. Alone (no Redis), the bus sends
 * nowhere and hears nothing, and nothing else changes.
 */
export function wireCacheInvalidation(bus: ClusterBus, caches: NodeCaches, failed: (err: unknown) => void): void {
  const { sites, agents, avatars, departments, hours, triggers } = caches;
  sites.onChanged((siteId) => bus.publish({ kind: 'site.changed', siteId }));
  agents.onChanged((siteId, agentId) => bus.publish({ kind: 'agent.changed', siteId, agentId }));
  avatars.onChanged((siteId, agentId) => bus.publish({ kind: 'agent.changed', siteId, agentId }));
  departments.onChanged((siteId) => bus.publish({ kind: 'departments.changed', siteId }));
  hours.onChanged((siteId) => bus.publish({ kind: 'hours.changed', siteId }));
  triggers.onRulesEdited((siteId) => bus.publish({ kind: 'triggers.changed', siteId }));

  const readAgain = (message: ClusterMessage): Promise<unknown> => {
    switch (message.kind) {
      case 'site.changed':
        return sites.reload(message.siteId);
      case 'agent.changed':
        return Promise.all([agents.reload(message.siteId, message.agentId), avatars.reload(message.siteId, message.agentId)]);
      case 'departments.changed':
        return departments.reload(message.siteId);
      case 'hours.changed':
        return hours.reload(message.siteId);
      case 'triggers.changed':
        return triggers.reload(message.siteId);
    }
  };
  bus.subscribe({
    message: (message) => void readAgain(message).catch(failed),
    missed: () => void Promise.all([sites, agents, avatars, departments, hours, triggers].map((cache) => cache.load())).catch(failed),
  });
}
