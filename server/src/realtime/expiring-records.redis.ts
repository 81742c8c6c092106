import type { z } from 'zod';
import { InMemoryExpiringRecords, type ExpiringRecords } from './expiring-records.ts';
import { askRedis, type RedisClient } from './redis-client.ts';

/** ExpiringRecords.use in one step: the value while its uses stay within ARGV[1], the hash gone with the last. */
const USE = `
local value = redis.call('HGET', KEYS[1], 'value')
if not value then return nil end
local uses = redis.call('HINCRBY', KEYS[1], 'uses', 1)
local maxUses = tonumber(ARGV[1])
if uses >= maxUses then redis.call('DEL', KEYS[1]) end
if uses > maxUses then return nil end
return value
`;

export interface RedisExpiringRecordsOptions<T> {
  redis: RedisClient;
  /** What the keys start with: `mostrador:records:login-challenges`. */
  name: string;
  /** What a record must be: another node's writes are read through it. */
  schema: z.ZodType<T>;
  log(error: unknown, message: string): void;
}

/**
 * Records in Redis, one hash each (the value as JSON, its uses) expiring
 * with the record. While Redis is unreachable a node keeps what it writes
 * in its own memory and reads there too: the next step must then reach the
 * same node (the balancer's stickiness), never a request left waiting.
 */
export class RedisExpiringRecords<T> implements ExpiringRecords<T> {
  readonly #local: InMemoryExpiringRecords<T>;

  constructor(
    private readonly options: RedisExpiringRecordsOptions<T>,
    now: () => number = Date.now,
  ) {
    this.#local = new InMemoryExpiringRecords<T>(now);
  }

  async put(key: string, value: T, ttlMs: number): Promise<void> {
    const done = await this.#inRedis('not kept', (redis) =>
      redis
        .multi()
        .hSet(this.#key(key), { value: JSON.stringify(value), uses: 0 })
        .pExpire(this.#key(key), ttlMs)
        .exec(),
    );
    if (done === undefined) await this.#local.put(key, value, ttlMs);
  }

  async get(key: string): Promise<T | undefined> {
    const raw = await this.#inRedis('not read', (redis) => redis.hGet(this.#key(key), 'value'));
    return raw === undefined ? this.#local.get(key) : this.#parsed(raw);
  }

  async use(key: string, maxUses: number): Promise<T | undefined> {
    const raw = await this.#inRedis('not used', (redis) => redis.eval(USE, { keys: [this.#key(key)], arguments: [String(maxUses)] }));
    return raw === undefined ? this.#local.use(key, maxUses) : this.#parsed(raw);
  }

  async delete(key: string): Promise<void> {
    await this.#local.delete(key);
    await this.#inRedis('not deleted', (redis) => redis.del(this.#key(key)));
  }

  #key(key: string): string {
    return `${this.options.name}:${key}`;
  }

  /** The command's answer, or undefined when Redis is not there to ask (the caller then uses memory). */
  #inRedis<R>(failure: string, command: (redis: RedisClient) => Promise<R>): Promise<R | undefined> {
    const { redis, log } = this.options;
    return askRedis(redis, command, (error) => log(error, `record ${failure} in Redis; this node's memory used instead`));
  }

  #parsed(raw: unknown): T | undefined {
    if (typeof raw !== 'string') return undefined;
    try {
      const parsed = this.options.schema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}
