import type { z } from 'zod';

/**
 * Short-lived records a request on one node writes and the next request,
 * on any node, reads: a login's second-step challenge, an enrolment waiting
 * for its first code. In memory on one process; in Redis when nodes share
 * the load (a browser's next request may reach another node).
 */
export interface ExpiringRecords<T> {
  put(key: string, value: T, ttlMs: number): Promise<void>;
  /** The record, while it lives. */
  get(key: string): Promise<T | undefined>;
  /**
   * Counts one use and returns the record, if it lives and had been used
   * fewer than `maxUses` times; a record used up is gone. One atomic step,
   * so uses racing on several nodes cannot pass the count.
   */
  use(key: string, maxUses: number): Promise<T | undefined>;
  delete(key: string): Promise<void>;
}

/** Opens the records named `name`, whose values `schema` checks when read back from another node. */
export type OpenExpiringRecords = <T>(name: string, schema: z.ZodType<T>) => ExpiringRecords<T>;

interface Held<T> {
  value: T;
  expiresAt: number;
  uses: number;
}

/** The records of one process: expired ones are swept on each put, so only living ones are held. */
export class InMemoryExpiringRecords<T> implements ExpiringRecords<T> {
  readonly #byKey = new Map<string, Held<T>>();

  constructor(private readonly now: () => number = Date.now) {}

  async put(key: string, value: T, ttlMs: number): Promise<void> {
    const now = this.now();
    for (const [k, held] of this.#byKey) if (held.expiresAt <= now) this.#byKey.delete(k);
    this.#byKey.set(key, { value, expiresAt: now + ttlMs, uses: 0 });
  }

  async get(key: string): Promise<T | undefined> {
    return this.#living(key)?.value;
  }

  async use(key: string, maxUses: number): Promise<T | undefined> {
    const held = this.#living(key);
    if (!held) return undefined;
    held.uses += 1;
    if (held.uses >= maxUses) this.#byKey.delete(key);
    return held.value;
  }

  async delete(key: string): Promise<void> {
    this.#byKey.delete(key);
  }

  #living(key: string): Held<T> | undefined {
    const held = this.#byKey.get(key);
    if (held && held.expiresAt <= this.now()) {
      this.#byKey.delete(key);
      return undefined;
    }
    return held;
  }
}
