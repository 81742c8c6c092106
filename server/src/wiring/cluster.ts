import { z } from 'zod';
import { LiveVisitor } from '@mostrador/shared';
import type { Config } from '../config.ts';
import { AgentConsoles } from '../modules/presence/index.ts';
import { SharedRefusal } from '../modules/sites/index.ts';
import { RoomWatchers } from '../realtime/watched-rooms.ts';
import { clusterChannelOf, redisClusterBus, singleNodeBus, type ClusterBus } from '../realtime/cluster-bus.ts';
import { InMemoryDirectory, type NodeDirectory } from '../realtime/node-directory.ts';
import { RedisDirectory } from '../realtime/node-directory.redis.ts';
import { InMemoryExpiringRecords, type OpenExpiringRecords } from '../realtime/expiring-records.ts';
import { RedisExpiringRecords } from '../realtime/expiring-records.redis.ts';
import { localRateLimits, type RateLimits } from '../realtime/rate-limits.ts';
import { redisRateLimits } from '../realtime/rate-limits.redis.ts';
import { closeRedis, openRedis, type RedisClient } from '../realtime/redis-client.ts';

/**
 * How long a node's entries in Redis outlive it: a node that dies without a
 * word has its agents and shoppers gone from every other node's view within
 * this (then the agents' grace period starts). Renewed every third of it.
 */
export const CLUSTER_LEASE_MS = 15_000;

/**
 * What a node shares with the others (or, alone, with nobody): the bus that
 * tells caches to reload, and the directories of agents' consoles and of
 * shoppers on the site, per site, by node.
 */
export interface Cluster {
  readonly nodeId: string;
  /** null: one process, everything in memory (REDIS_URL unset). */
  readonly redis: RedisClient | null;
  readonly bus: ClusterBus;
  /** Scope: site id; id: agent id; one entry per node where the agent has a console open. */
  readonly agentPresence: NodeDirectory<AgentConsoles>;
  /** Scope: site id; id: visitor id; one entry per node where the shopper has a tab open, with its row of the live list. */
  readonly liveVisitors: NodeDirectory<LiveVisitor>;
  /** Scope: a kind of room (its name's prefix); id: the rest of its name; one entry per node with a socket in it. */
  readonly watchedRooms: NodeDirectory<RoomWatchers>;
  /** Scope: site id; id: a shop origin; one entry per node that refused a widget from it lately. */
  readonly refusedOrigins: NodeDirectory<SharedRefusal>;
  /** Where the limits per address and per email are counted: in Redis, an address gets one budget however the balancer spreads it. */
  readonly limits: RateLimits;
  /** Short-lived records the next request may read on another node (login challenges, enrolments). */
  readonly records: OpenExpiringRecords;
  /**
   * Resolved once every directory has read the others' entries (a starting
   * node then knows who is online elsewhere), or after a couple of seconds
   * if Redis does not answer: a node starts without it and catches up.
   */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

interface ClusterLog {
  info(message: string): void;
  warn(error: unknown, message: string): void;
  error(error: unknown, message: string): void;
}

/** How long a starting node waits for its directories' first read before it starts anyway. */
const FIRST_READ_WAIT_MS = 2000;

function firstReads(directories: Array<NodeDirectory<unknown>>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, FIRST_READ_WAIT_MS);
  });
  return Promise.race([Promise.all(directories.map((d) => d.ready)).then(() => undefined), gaveUp]).finally(() => clearTimeout(timer));
}

/** With REDIS_URL, the shared versions in Redis; without, the in-memory ones a single process has always had. */
export function openCluster(config: Pick<Config, 'redisUrl' | 'nodeId' | 'clusterName'>, log: ClusterLog): Cluster {
  const { nodeId } = config;
  if (!config.redisUrl) {
    const agentPresence = new InMemoryDirectory<AgentConsoles>(nodeId);
    const liveVisitors = new InMemoryDirectory<LiveVisitor>(nodeId);
    const watchedRooms = new InMemoryDirectory<RoomWatchers>(nodeId);
    const refusedOrigins = new InMemoryDirectory<SharedRefusal>(nodeId);
    return {
      nodeId,
      redis: null,
      bus: singleNodeBus(nodeId),
      agentPresence,
      liveVisitors,
      watchedRooms,
      refusedOrigins,
      limits: localRateLimits(),
      records: <T>() => new InMemoryExpiringRecords<T>(),
      ready: Promise.resolve(),
      close: async () => {
        await agentPresence.close();
        await liveVisitors.close();
        await watchedRooms.close();
        await refusedOrigins.close();
      },
    };
  }
  const redis = openRedis(config.redisUrl, { info: (m) => log.info(m), warn: (e, m) => log.warn(e, m) });
  const failed = (error: unknown, message: string) => log.error(error, message);
  const bus = redisClusterBus({ redis, nodeId, channel: clusterChannelOf(config.clusterName), log: failed });
  const directory = <T>(name: string, schema: z.ZodType<T>) =>
    new RedisDirectory<T>({ redis, nodeId, name: `${config.clusterName}:${name}`, schema, leaseMs: CLUSTER_LEASE_MS, log: failed });
  const agentPresence = directory('presence', AgentConsoles);
  const liveVisitors = directory('live-visitors', LiveVisitor);
  const watchedRooms = directory('watched-rooms', RoomWatchers);
  const refusedOrigins = directory('refused-origins', SharedRefusal);
  return {
    nodeId,
    redis,
    bus,
    agentPresence,
    liveVisitors,
    watchedRooms,
    refusedOrigins,
    limits: redisRateLimits({ redis, name: config.clusterName, log: failed }),
    ready: firstReads([agentPresence, liveVisitors, watchedRooms, refusedOrigins]),
    records: <T>(name: string, schema: z.ZodType<T>) =>
      new RedisExpiringRecords<T>({ redis, name: `${config.clusterName}:records:${name}`, schema, log: failed }),
    async close() {
      await bus.close();
      await agentPresence.close();
      await liveVisitors.close();
      await watchedRooms.close();
      await refusedOrigins.close();
      await closeRedis(redis);
    },
  };
}
