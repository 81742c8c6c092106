import { describe, expect, it } from 'vitest';
import type { ClusterBus, ClusterListener, ClusterMessage } from '../realtime/cluster-bus.ts';
import { wireCacheInvalidation, type ErasedShoppers, type NodeCaches } from './cache-invalidation.ts';

/** A bus that keeps what this node publishes, and lets the test play another node's messages. */
function fakeBus() {
  const published: ClusterMessage[] = [];
  const listeners: ClusterListener[] = [];
  const bus: ClusterBus = {
    nodeId: 'node-a',
    publish: (message) => void published.push(message),
    subscribe: (listener) => {
      listeners.push(listener);
      return () => undefined;
    },
    close: async () => undefined,
  };
  return {
    bus,
    published,
    hear: (message: ClusterMessage) => listeners.forEach((l) => l.message(message)),
    miss: () => listeners.forEach((l) => l.missed?.()),
  };
}

/** Caches that note what they are asked to read again, and let the test play their writes. */
function fakeCaches() {
  const read: string[] = [];
  const site = (name: string) => {
    const listeners: Array<(siteId: string) => void> = [];
    return {
      cache: {
        onChanged: (l: (siteId: string) => void) => void listeners.push(l),
        onRulesEdited: (l: (siteId: string) => void) => void listeners.push(l),
        reload: async (siteId: string) => void read.push(`${name} ${siteId}`),
        load: async () => void read.push(`${name} all`),
      },
      wrote: (siteId: string) => listeners.forEach((l) => l(siteId)),
    };
  };
  const row = (name: string) => {
    const listeners: Array<(siteId: string, id: string) => void> = [];
    return {
      cache: {
        onChanged: (l: (siteId: string, id: string) => void) => void listeners.push(l),
        reload: async (siteId: string, id: string) => void read.push(`${name} ${siteId} ${id}`),
        load: async () => void read.push(`${name} all`),
      },
      wrote: (siteId: string, id: string) => listeners.forEach((l) => l(siteId, id)),
    };
  };
  const parts = {
    sites: site('sites'),
    agents: row('agents'),
    avatars: row('avatars'),
    departments: site('departments'),
    hours: site('hours'),
    triggers: site('triggers'),
    contacts: row('contacts'),
    customers: row('customers'),
  };
  const forgotten: ErasedShoppers[] = [];
  const caches: NodeCaches = {
    sites: parts.sites.cache,
    agents: parts.agents.cache,
    avatars: parts.avatars.cache,
    departments: parts.departments.cache,
    hours: parts.hours.cache,
    triggers: parts.triggers.cache,
    contacts: parts.contacts.cache,
    customers: parts.customers.cache,
    npsAnswers: { load: async () => void read.push('npsAnswers all') },
    forgetShoppers: (erased) => void forgotten.push(erased),
  };
  return { caches, read, forgotten, ...parts };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('the caches across a cluster’s nodes', () => {
  it('tell the other nodes of each write made here, naming what changed', () => {
    const { bus, published } = fakeBus();
    const node = fakeCaches();
    wireCacheInvalidation(bus, node.caches, () => undefined);
    node.sites.wrote('s1');
    node.agents.wrote('s1', 'a1');
    node.avatars.wrote('s1', 'a2');
    node.departments.wrote('s1');
    node.hours.wrote('s2');
    node.triggers.wrote('s3');
    node.contacts.wrote('s1', 'v1');
    node.customers.wrote('s1', 'v2');
    expect(published).toEqual([
      { kind: 'site.changed', siteId: 's1' },
      { kind: 'agent.changed', siteId: 's1', agentId: 'a1' },
      { kind: 'agent.changed', siteId: 's1', agentId: 'a2' },
      { kind: 'departments.changed', siteId: 's1' },
      { kind: 'hours.changed', siteId: 's2' },
      { kind: 'triggers.changed', siteId: 's3' },
      { kind: 'contact.changed', siteId: 's1', visitorId: 'v1' },
      { kind: 'customer.linked', siteId: 's1', visitorId: 'v2' },
    ]);
    expect(node.read).toEqual([]);
  });

  it('tell the other nodes of an erasure by whom it erased, and let go of them when another node tells', async () => {
    const { bus, published, hear } = fakeBus();
    const node = fakeCaches();
    const told = wireCacheInvalidation(bus, node.caches, () => undefined);
    told.shoppersErased({ siteId: 's1', visitorIds: ['v1', 'v2'], customerIds: ['c1'] });
    expect(published).toEqual([{ kind: 'visitors.erased', siteId: 's1', visitorIds: ['v1', 'v2'], customerIds: ['c1'] }]);
    expect(node.forgotten).toEqual([]);
    hear({ kind: 'visitors.erased', siteId: 's2', visitorIds: ['v9'], customerIds: [] });
    await settled();
    expect(node.forgotten).toEqual([{ kind: 'visitors.erased', siteId: 's2', visitorIds: ['v9'], customerIds: [] }]);
    expect(node.read).toEqual([]);
  });

  it('read again from the table what another node names, and only that', async () => {
    const { bus, published, hear } = fakeBus();
    const node = fakeCaches();
    wireCacheInvalidation(bus, node.caches, () => undefined);
    hear({ kind: 'site.changed', siteId: 's1' });
    hear({ kind: 'agent.changed', siteId: 's1', agentId: 'a1' });
    hear({ kind: 'departments.changed', siteId: 's2' });
    hear({ kind: 'hours.changed', siteId: 's3' });
    hear({ kind: 'triggers.changed', siteId: 's4' });
    hear({ kind: 'contact.changed', siteId: 's1', visitorId: 'v1' });
    hear({ kind: 'customer.linked', siteId: 's1', visitorId: 'v2' });
    await settled();
    expect(node.read).toEqual([
      'sites s1',
      'agents s1 a1',
      'avatars s1 a1',
      'departments s2',
      'hours s3',
      'triggers s4',
      'contacts s1 v1',
      'customers s1 v2',
    ]);
    // Reading again tells no one.
    expect(published).toEqual([]);
  });

  it('read everything again when messages may have been lost, and log a read that failed', async () => {
    const { bus, miss, hear } = fakeBus();
    const node = fakeCaches();
    const failures: unknown[] = [];
    node.caches.hours.reload = async () => {
      throw new Error('database away');
    };
    wireCacheInvalidation(bus, node.caches, (err) => failures.push(err));
    miss();
    hear({ kind: 'hours.changed', siteId: 's1' });
    await settled();
    expect(node.read.sort()).toEqual([
      'agents all',
      'avatars all',
      'contacts all',
      'customers all',
      'departments all',
      'hours all',
      'npsAnswers all',
      'sites all',
      'triggers all',
    ]);
    expect(failures).toEqual([new Error('database away')]);
  });
});
