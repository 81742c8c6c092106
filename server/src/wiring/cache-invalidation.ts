import type { ClusterBus, ClusterMessage } from '../realtime/cluster-bus.ts';

/** A copy of one site's rows: it tells of each write made here, and reads a site again or reads everything. */
interface SiteCache {
  onChanged(listener: (siteId: string) => void): void;
  reload(siteId: string): Promise<void>;
  load(): Promise<void>;
}

/** The same, for rows kept per agent or per visitor. */
interface RowCache {
  onChanged(listener: (siteId: string, id: string) => void): void;
  reload(siteId: string, id: string): Promise<void>;
  load(): Promise<void>;
}

/** Shoppers erased on a site: every device, and the customers the shop knew them as. */
export interface ErasedShoppers {
  siteId: string;
  visitorIds: readonly string[];
  customerIds: readonly string[];
}

/**
 * What each node keeps in memory of the database, because the handshake,
 * routing and the trigger engine read it synchronously. Sessions are not
 * here: they are read from the table on every request (and a session's
 * sockets are closed on every node through Socket.IO's adapter).
 */
export interface NodeCaches {
  sites: SiteCache;
  agents: RowCache;
  /** Agents' pictures, told as a change of the agent. */
  avatars: RowCache;
  /** Departments and who serves each. */
  departments: SiteCache;
  hours: SiteCache;
  triggers: Omit<SiteCache, 'onChanged'> & { onRulesEdited(listener: (siteId: string) => void): void };
  /** The contact each visitor left (offline and pre-chat forms), by visitor. */
  contacts: RowCache;
  /** Whom the shop vouched each visitor is, by visitor. */
  customers: RowCache;
  /** Who answered the NPS question lately: only read again whole (an answer another node stores is refused there and remembered). */
  npsAnswers: Pick<SiteCache, 'load'>;
  /** Lets go of what memory holds about erased shoppers (contacts, customers, NPS answers, their live activity). */
  forgetShoppers(erased: ErasedShoppers): void;
}

/**
 * Keeps every node's caches as the table is: each write made here is told
 * to the other nodes once it commits (these are admins' and agents' edits,
 * never the message path), and what another node tells is read again from
 * the table; when messages may have been lost, everything is. The node that
 * wrote is the only one to tell sockets (through the adapter, which reaches
 * every node's): the others only read again. Shoppers' rows are kept in
 * memory too (read inside the message path's step); an erasure is told by
 * name, since there is nothing left to read. Alone (no Redis), the bus sends
 * nowhere and hears nothing, and nothing else changes.
 */
export function wireCacheInvalidation(
  bus: ClusterBus,
  caches: NodeCaches,
  failed: (err: unknown) => void,
): { shoppersErased(erased: ErasedShoppers): void } {
  const { sites, agents, avatars, departments, hours, triggers, contacts, customers } = caches;
  sites.onChanged((siteId) => bus.publish({ kind: 'site.changed', siteId }));
  agents.onChanged((siteId, agentId) => bus.publish({ kind: 'agent.changed', siteId, agentId }));
  avatars.onChanged((siteId, agentId) => bus.publish({ kind: 'agent.changed', siteId, agentId }));
  departments.onChanged((siteId) => bus.publish({ kind: 'departments.changed', siteId }));
  hours.onChanged((siteId) => bus.publish({ kind: 'hours.changed', siteId }));
  triggers.onRulesEdited((siteId) => bus.publish({ kind: 'triggers.changed', siteId }));
  contacts.onChanged((siteId, visitorId) => bus.publish({ kind: 'contact.changed', siteId, visitorId }));
  customers.onChanged((siteId, visitorId) => bus.publish({ kind: 'customer.linked', siteId, visitorId }));

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
      case 'contact.changed':
        return contacts.reload(message.siteId, message.visitorId);
      case 'customer.linked':
        return customers.reload(message.siteId, message.visitorId);
      case 'visitors.erased':
        caches.forgetShoppers(message);
        return Promise.resolve();
    }
  };
  const everything = [sites, agents, avatars, departments, hours, triggers, contacts, customers, caches.npsAnswers];
  bus.subscribe({
    message: (message) => void readAgain(message).catch(failed),
    missed: () => void Promise.all(everything.map((cache) => cache.load())).catch(failed),
  });
  return {
    /** After an erasure committed here (the rows are gone from the table): the other nodes let go of them too. */
    shoppersErased: ({ siteId, visitorIds, customerIds }) =>
      bus.publish({ kind: 'visitors.erased', siteId, visitorIds: [...visitorIds], customerIds: [...customerIds] }),
  };
}
