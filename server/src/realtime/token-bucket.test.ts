import { describe, expect, it } from 'vitest';
import { KeyedBuckets, TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('grants a burst at once, then refuses with the wait until the next token', () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, 1_000);
    expect([bucket.take(1_000), bucket.take(1_000), bucket.take(1_000)]).toEqual([0, 0, 0]);
    expect(bucket.take(1_000)).toBe(500);
    expect(bucket.take(1_200)).toBe(300);
  });

  it('refills from the clock, never above the burst', () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 1 }, 0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.take(1_000)).toBe(0);
    expect(bucket.take(1_000)).toBe(1_000);
    // A long quiet spell gives back the burst, not more.
    expect([bucket.take(60_000), bucket.take(60_000), bucket.take(60_000)]).toEqual([0, 0, 1_000]);
  });

  it('keeps a steady rate at the refill rate: 500 takes in one second grant the burst plus one second of refill', () => {
    const bucket = new TokenBucket({ burst: 10, perSecond: 5 }, 0);
    let granted = 0;
    for (let i = 0; i < 500; i += 1) if (bucket.take(i * 2) === 0) granted += 1;
    expect(granted).toBe(14);
  });

  it('takes several tokens at once (bytes, not requests), with the wait for all of them; more than the burst never', () => {
    const bucket = new TokenBucket({ burst: 10, perSecond: 2 }, 0);
    expect(bucket.take(0, 7)).toBe(0);
    // 3 left: 5 more are due in one second.
    expect(bucket.take(0, 5)).toBe(1_000);
    expect(bucket.take(1_000, 5)).toBe(0);
    expect(bucket.take(1_000, 11)).toBe(60 * 60 * 1000);
  });

  it('is switched off by a burst of 0', () => {
    const bucket = new TokenBucket({ burst: 0, perSecond: 0 }, 0);
    for (let i = 0; i < 1_000; i += 1) expect(bucket.take(0)).toBe(0);
  });

  it('tells when it is full again, so an idle key can be dropped', () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 1 }, 0);
    expect(bucket.isFull(0)).toBe(true);
    bucket.take(0);
    expect(bucket.isFull(500)).toBe(false);
    expect(bucket.isFull(1_000)).toBe(true);
  });
});

describe('KeyedBuckets', () => {
  it('keeps one budget per key and forgets the keys that are full again', () => {
    let now = 0;
    const buckets = new KeyedBuckets({ burst: 1, perSecond: 1 }, () => now, 10_000);
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1_000);
    expect(buckets.take('b')).toBe(0);
    expect(buckets.size).toBe(2);
    now = 20_000;
    expect(buckets.take('c')).toBe(0);
    expect(buckets.size).toBe(1);
  });
});
