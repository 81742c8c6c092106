import { z } from 'zod';
import { closeRedis, type RedisClient } from './redis-client.ts';

/**
 * What one node tells the others so they drop or reload what they cached:
 * each names what changed, never the new value (a node reads that from the
 * database, so a late message can never write an old value over a new one).
 */
export const ClusterMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('site.changed'), siteId: z.string() }),
  z.object({ kind: z.literal('agent.changed'), siteId: z.string(), agentId: z.string() }),
  z.object({ kind: z.literal('departments.changed'), siteId: z.string() }),
  z.object({ kind: z.literal('triggers.changed'), siteId: z.string() }),
  z.object({ kind: z.literal('hours.changed'), siteId: z.string() }),
  // Shoppers: the contact a visitor left, the customer the shop vouched they are, and an erasure to let go of.
  z.object({ kind: z.literal('contact.changed'), siteId: z.string(), visitorId: z.string() }),
  z.object({ kind: z.literal('customer.linked'), siteId: z.string(), visitorId: z.string() }),
  z.object({ kind: z.literal('visitors.erased'), siteId: z.string(), visitorIds: z.array(z.string()), customerIds: z.array(z.string()) }),
]);
export type ClusterMessage = z.infer<typeof ClusterMessage>;

const Envelope = z.object({ from: z.string(), message: ClusterMessage });

export interface ClusterListener {
  /** Another node changed something this one may have cached. */
  message(message: ClusterMessage): void;
  /**
   * Messages may have been lost: this node's subscription to Redis dropped
   * and came back, or it has only just begun (what changed between the
   * node's first reads and its subscription was told to no one here).
   * Reload every cache the messages keep fresh.
   */
  missed?(): void;
}

/**
 * How a node tells the others of a change, and hears of theirs. A node never
 * hears its own messages. Sessions need no message: they are read from the
 * table on every request, and a session's sockets are closed on every node
 * through Socket.IO's adapter.
 */
export interface ClusterBus {
  readonly nodeId: string;
  /** Fire and forget: while Redis is down the message waits in the client's queue, and the others reload when they are back. */
  publish(message: ClusterMessage): void;
  /** Returns the way to stop listening. On Redis, the listener hears `missed()` once the node is subscribed. */
  subscribe(listener: ClusterListener): () => void;
  close(): Promise<void>;
}

/** One process, no other node: nothing to tell, nothing to hear. */
export function singleNodeBus(nodeId: string): ClusterBus {
  return {
    nodeId,
    publish: () => undefined,
    subscribe: () => () => undefined,
    close: async () => undefined,
  };
}

/** The bus's channel: the cluster's name keeps two clusters on one Redis apart. */
export const clusterChannelOf = (clusterName: string) => `${clusterName}:cluster`;

export interface RedisClusterBusOptions {
  redis: RedisClient;
  nodeId: string;
  /** The channel, `clusterChannelOf(CLUSTER_NAME)`; tests use one of their own on the shared Redis. */
  channel: string;
  /** A message that does not parse, or a publish Redis refused. */
  log(error: unknown, message: string): void;
}

/**
 * The bus over Redis pub/sub, on a connection of its own (a subscribed
 * connection can do nothing else). Pub/sub keeps nothing for a node that is
 * not listening, so when the subscription comes back after a drop, listeners
 * are told they may have missed messages.
 */
export function redisClusterBus(options: RedisClusterBusOptions): ClusterBus & { subscribed: Promise<void> } {
  const { redis, nodeId, log } = options;
  const { channel } = options;
  const listeners = new Set<ClusterListener>();
  const subscriber = redis.duplicate();
  let lost = false;
  subscriber.on('error', () => {
    lost = true;
  });
  subscriber.on('ready', () => {
    if (!lost) return;
    lost = false;
    for (const listener of listeners) listener.missed?.();
  });
  const onRaw = (raw: string) => {
    let parsed: z.ZodSafeParseResult<z.output<typeof Envelope>>;
    try {
      parsed = Envelope.safeParse(JSON.parse(raw));
    } catch (error) {
      return log(error, 'cluster message is not JSON');
    }
    if (!parsed.success) return log(parsed.error, 'cluster message does not parse');
    if (parsed.data.from === nodeId) return;
    for (const listener of listeners) listener.message(parsed.data.message);
  };
  // Connected in the background like the main client, so a node starts while Redis is down; once
  // subscribed, the client subscribes again by itself after every reconnection.
  const subscribed = subscriber.connect().then(
    () => subscriber.subscribe(channel, onRaw),
    () => undefined,
  );

  return {
    nodeId,
    /** Resolved once this node hears the others (tests wait for it). */
    subscribed,
    publish(message) {
      const body = JSON.stringify({ from: nodeId, message: ClusterMessage.parse(message) });
      redis.publish(channel, body).catch((error: unknown) => log(error, 'cluster message not sent'));
    },
    subscribe(listener) {
      listeners.add(listener);
      // Whatever changed before this node listened was told to no one here.
      void subscribed.then(() => {
        if (listeners.has(listener)) listener.missed?.();
      });
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await closeRedis(subscriber);
    },
  };
}
