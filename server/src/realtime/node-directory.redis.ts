import { z } from 'zod';
import type { DirectoryEntry, NodeDirectory } from './node-directory.ts';
import { closeRedis, type RedisClient } from './redis-client.ts';

export interface RedisDirectoryOptions<T> {
  redis: RedisClient;
  nodeId: string;
  /** What the directory's Redis keys and channel start with (`mostrador:presence`); tests use one of their own. */
  name: string;
  /** What an entry's value must be: another node's writes are read through it. */
  schema: z.ZodType<T>;
  /** How long an entry outlives its node's last renewal. */
  leaseMs: number;
  log(error: unknown, message: string): void;
}

interface Held<T> extends DirectoryEntry<T> {
  expiresAt: number;
}

const Change = z.object({
  node: z.string(),
  scope: z.string(),
  id: z.string(),
  /** Absent: the entry went. */
  value: z.unknown().optional(),
  expiresAt: z.number(),
});

/** `node|id`: node ids never hold a `|` (config.ts), so the first one splits them. */
const memberOf = (node: string, id: string) => `${node}|${id}`;
const splitMember = (member: string) => {
  const at = member.indexOf('|');
  return { node: member.slice(0, at), id: member.slice(at + 1) };
};

/**
 * A NodeDirectory in Redis. Per scope, a sorted set holds `node|id` by the
 * moment its lease ends and a hash holds the values; a set names the scopes.
 * Each write is also published, so the other nodes' mirrors change at once;
 * a node's own entries are kept apart, in memory, and never read back.
 * Every `leaseMs / 3` a node renews its own leases (writing them again, so a
 * restarted, empty Redis is filled back) and reads every scope whole into its
 * mirror: that catches what pub/sub lost and removes what ran out.
 */
export class RedisDirectory<T> implements NodeDirectory<T> {
  readonly nodeId: string;
  readonly #redis: RedisClient;
  readonly #subscriber: RedisClient;
  readonly #options: RedisDirectoryOptions<T>;
  readonly #own = new Map<string, Map<string, T>>();
  #mirror = new Map<string, Map<string, Held<T>>>();
  readonly #listeners = new Set<(scope: string, id: string) => void>();
  /**
   * Changes heard while a whole read is on its way, per read in flight
   * (`scope\nmember` → the entry, or null when it went): the read's
   * snapshot may predate them, so they are laid over it, not lost under it.
   */
  readonly #heardDuringReads = new Set<Map<string, Held<T> | null>>();
  readonly #timer: NodeJS.Timeout;
  /** Resolved once this node hears the others' writes (tests wait for it). */
  readonly subscribed: Promise<void>;
  readonly ready: Promise<void>;

  constructor(options: RedisDirectoryOptions<T>) {
    this.#options = options;
    this.nodeId = options.nodeId;
    this.#redis = options.redis;
    this.#subscriber = options.redis.duplicate();
    this.#subscriber.on('error', () => undefined);
    this.subscribed = this.#subscriber.connect().then(
      () => this.#subscriber.subscribe(this.#key('changes'), (raw) => this.#heard(raw)),
      () => undefined,
    );
    // The first read right after: a node that starts knows the others' entries in a moment, not a third of a lease later.
    this.ready = this.subscribed.then(() => this.refresh());
    this.#timer = setInterval(() => void this.refresh(), Math.max(50, Math.floor(options.leaseMs / 3)));
    this.#timer.unref();
  }

  put(scope: string, id: string, value: T): void {
    let own = this.#own.get(scope);
    if (!own) {
      own = new Map();
      this.#own.set(scope, own);
    }
    own.set(id, value);
    const expiresAt = Date.now() + this.#options.leaseMs;
    const member = memberOf(this.nodeId, id);
    this.#redis
      .multi()
      .sAdd(this.#key('scopes'), scope)
      .zAdd(this.#key(scope, 'leases'), { score: expiresAt, value: member })
      .hSet(this.#key(scope, 'values'), member, JSON.stringify(value))
      .publish(this.#key('changes'), JSON.stringify({ node: this.nodeId, scope, id, value, expiresAt }))
      .exec()
      .catch((error: unknown) => this.#options.log(error, `${this.#options.name}: entry not written`));
  }

  remove(scope: string, id: string): void {
    const own = this.#own.get(scope);
    own?.delete(id);
    if (own?.size === 0) this.#own.delete(scope);
    const member = memberOf(this.nodeId, id);
    this.#redis
      .multi()
      .zRem(this.#key(scope, 'leases'), member)
      .hDel(this.#key(scope, 'values'), member)
      .publish(this.#key('changes'), JSON.stringify({ node: this.nodeId, scope, id, expiresAt: 0 }))
      .exec()
      .catch((error: unknown) => this.#options.log(error, `${this.#options.name}: entry not removed`));
  }

  entries(scope: string): DirectoryEntry<T>[] {
    const now = Date.now();
    const live: DirectoryEntry<T>[] = [...(this.#own.get(scope) ?? [])].map(([id, value]) => ({ scope, id, node: this.nodeId, value }));
    for (const { expiresAt, ...entry } of this.#mirror.get(scope)?.values() ?? []) if (expiresAt > now) live.push(entry);
    return live;
  }

  holds(scope: string, id: string): boolean {
    if (this.#own.get(scope)?.has(id)) return true;
    const now = Date.now();
    for (const held of this.#mirror.get(scope)?.values() ?? []) if (held.id === id && held.expiresAt > now) return true;
    return false;
  }

  onOthersChanged(listener: (scope: string, id: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Renews this node's leases, then reads every scope whole: the others'
   * entries that changed, went or ran out since are told to the listeners.
   */
  async refresh(): Promise<void> {
    try {
      await this.#renew();
      await this.#readAll();
    } catch (error) {
      this.#options.log(error, `${this.#options.name}: refresh failed`);
    }
  }

  /** A node that stops takes its entries with it (the others see them go at once, not after the lease); a crash leaves them to run out. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#listeners.clear();
    for (const [scope, own] of [...this.#own]) for (const id of [...own.keys()]) this.remove(scope, id);
    await closeRedis(this.#subscriber);
  }

  /** Stops renewing without a word, as a crashed node would (tests). */
  abandon(): Promise<void> {
    this.#own.clear();
    return this.close();
  }

  async #renew(): Promise<void> {
    if (this.#own.size === 0) return;
    const expiresAt = Date.now() + this.#options.leaseMs;
    const batch = this.#redis.multi();
    for (const [scope, own] of this.#own) {
      batch.sAdd(this.#key('scopes'), scope);
      for (const [id, value] of own) {
        const member = memberOf(this.nodeId, id);
        batch.zAdd(this.#key(scope, 'leases'), { score: expiresAt, value: member });
        batch.hSet(this.#key(scope, 'values'), member, JSON.stringify(value));
      }
      // A scope nobody renews vanishes on its own.
      batch.pExpire(this.#key(scope, 'leases'), this.#options.leaseMs * 2);
      batch.pExpire(this.#key(scope, 'values'), this.#options.leaseMs * 2);
    }
    await batch.exec();
  }

  async #readAll(): Promise<void> {
    const heard = new Map<string, Held<T> | null>();
    this.#heardDuringReads.add(heard);
    try {
      const next = await this.#readSnapshot();
      for (const [key, held] of heard) {
        const [scope = '', member = ''] = key.split('\n');
        if (held) {
          if (!next.has(scope)) next.set(scope, new Map());
          next.get(scope)!.set(member, held);
        } else next.get(scope)?.delete(member);
      }
      const before = this.#mirror;
      this.#mirror = next;
      this.#tellDifferences(before, next);
    } finally {
      this.#heardDuringReads.delete(heard);
    }
  }

  /** Every scope's live entries of the other nodes, as Redis holds them now (removing what ran out). */
  async #readSnapshot(): Promise<Map<string, Map<string, Held<T>>>> {
    const now = Date.now();
    const scopes = await this.#redis.sMembers(this.#key('scopes'));
    const next = new Map<string, Map<string, Held<T>>>();
    for (const scope of scopes) {
      const leases = this.#key(scope, 'leases');
      const values = this.#key(scope, 'values');
      const ranOut = await this.#redis.zRange(leases, '-inf', now, { BY: 'SCORE' });
      if (ranOut.length > 0) await this.#redis.multi().zRem(leases, ranOut).hDel(values, ranOut).exec();
      const live = await this.#redis.zRangeWithScores(leases, now, '+inf', { BY: 'SCORE' });
      if (live.length === 0) {
        await this.#redis.sRem(this.#key('scopes'), scope);
        continue;
      }
      const raws = await this.#redis.hmGet(
        values,
        live.map((l) => String(l.value)),
      );
      const held = new Map<string, Held<T>>();
      live.forEach((lease, index) => {
        const member = String(lease.value);
        const { node, id } = splitMember(member);
        const value = this.#parse(raws[index]);
        // This node's own entries are read from memory, never from a copy that may be older.
        if (node === this.nodeId || value === undefined) return;
        held.set(member, { scope, node, id, value: value.value, expiresAt: lease.score });
      });
      next.set(scope, held);
    }
    return next;
  }

  #parse(raw: unknown): { value: T } | undefined {
    if (typeof raw !== 'string') return undefined;
    try {
      const parsed = this.#options.schema.safeParse(JSON.parse(raw));
      return parsed.success ? { value: parsed.data } : undefined;
    } catch {
      return undefined;
    }
  }

  #heard(raw: string): void {
    let change: z.output<typeof Change>;
    try {
      change = Change.parse(JSON.parse(raw));
    } catch (error) {
      return this.#options.log(error, `${this.#options.name}: change does not parse`);
    }
    if (change.node === this.nodeId) return;
    const member = memberOf(change.node, change.id);
    let held: Held<T> | null = null;
    if (change.value === undefined) this.#drop(change.scope, member);
    else {
      const parsed = this.#options.schema.safeParse(change.value);
      if (!parsed.success) return this.#options.log(parsed.error, `${this.#options.name}: value does not parse`);
      held = { scope: change.scope, id: change.id, node: change.node, value: parsed.data, expiresAt: change.expiresAt };
      this.#hold(held);
    }
    for (const reading of this.#heardDuringReads) reading.set(`${change.scope}\n${member}`, held);
    this.#tell(change.scope, change.id);
  }

  #hold(held: Held<T>): void {
    let scope = this.#mirror.get(held.scope);
    if (!scope) {
      scope = new Map();
      this.#mirror.set(held.scope, scope);
    }
    scope.set(memberOf(held.node, held.id), held);
  }

  #drop(scope: string, member: string): void {
    const held = this.#mirror.get(scope);
    held?.delete(member);
    if (held?.size === 0) this.#mirror.delete(scope);
  }

  #tellDifferences(before: Map<string, Map<string, Held<T>>>, after: Map<string, Map<string, Held<T>>>): void {
    const changed = new Map<string, { scope: string; id: string }>();
    const compare = (from: typeof before, to: typeof after) => {
      for (const [scope, held] of from) {
        for (const [member, entry] of held) {
          const other = to.get(scope)?.get(member);
          if (!other || JSON.stringify(other.value) !== JSON.stringify(entry.value)) {
            changed.set(`${scope}\n${entry.id}`, { scope, id: entry.id });
          }
        }
      }
    };
    compare(before, after);
    compare(after, before);
    for (const { scope, id } of changed.values()) this.#tell(scope, id);
  }

  #tell(scope: string, id: string): void {
    for (const listener of this.#listeners) listener(scope, id);
  }

  #key(...parts: string[]): string {
    return [this.#options.name, ...parts].join(':');
  }
}
