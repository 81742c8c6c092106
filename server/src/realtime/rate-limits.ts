import { KeyedBackoff, type BackoffPolicy } from './backoff.ts';
import { KeyedBuckets, type Rate } from './token-bucket.ts';

/** A token bucket per key (a client address). */
export interface SharedBuckets {
  /** Takes `count` tokens (one by default) for `key`: 0 when granted, else how many milliseconds until they are due. */
  take(key: string, count?: number): Promise<number>;
}

/** Growing delays per key (an email), as KeyedBackoff. */
export interface SharedBackoff {
  /** 0, with the attempt counted as a failure until `succeeded`, or else the wait, uncounted. */
  begin(key: string): Promise<number>;
  succeeded(key: string): Promise<void>;
}

/**
 * Where the limits on what the open internet may ask for are counted: in
 * this process, or in Redis when nodes share the load (else a balancer
 * sharing an address's requests among N nodes would give it N times the
 * budget). `name` keeps one limit's counts apart from another's.
 */
export interface RateLimits {
  buckets(name: string, rate: Rate): SharedBuckets;
  backoff(name: string, policy: BackoffPolicy): SharedBackoff;
}

/** The single process's limits, in memory (also what a node uses while its Redis is unreachable). */
export function localRateLimits(now: () => number = Date.now): RateLimits {
  return {
    buckets(_name, rate) {
      const buckets = new KeyedBuckets(rate, now);
      return { take: async (key, count) => buckets.take(key, count) };
    },
    backoff(_name, policy) {
      const backoff = new KeyedBackoff(policy, now);
      return {
        begin: async (key) => backoff.begin(key),
        succeeded: async (key) => backoff.succeeded(key),
      };
    },
  };
}
