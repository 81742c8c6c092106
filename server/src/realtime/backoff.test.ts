import { beforeEach, describe, expect, it } from 'vitest';
import { KeyedBackoff } from './backoff.ts';

describe('KeyedBackoff', () => {
  let now = 0;
  const throttle = () => new KeyedBackoff({ freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, forgetMs: 60_000 }, () => now);

  beforeEach(() => {
    now = 0;
  });

  it('lets the first few failures through, then doubles the wait up to the ceiling', () => {
    const t = throttle();
    const waits: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      t.failed('a@shop.example');
      waits.push(t.waitMs('a@shop.example'));
      now += t.waitMs('a@shop.example');
    }
    expect(waits).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('resets on success, forgets after a quiet spell, and keeps emails apart', () => {
    const t = throttle();
    for (let i = 0; i < 4; i += 1) t.failed('a@shop.example');
    expect(t.waitMs('a@shop.example')).toBe(1_000);
    expect(t.waitMs('b@shop.example')).toBe(0);
    t.succeeded('a@shop.example');
    expect(t.waitMs('a@shop.example')).toBe(0);
    for (let i = 0; i < 4; i += 1) t.failed('a@shop.example');
    now += 61_000;
    t.failed('a@shop.example');
    expect(t.waitMs('a@shop.example')).toBe(0);
  });

  it('remembers a bounded number of emails, dropping the oldest', () => {
    const t = new KeyedBackoff({ freeFailures: 0, baseDelayMs: 1_000, maxDelayMs: 1_000, forgetMs: 60_000, maxTracked: 2 }, () => now);
    t.failed('a@shop.example');
    t.failed('b@shop.example');
    t.failed('c@shop.example');
    expect([t.waitMs('a@shop.example'), t.waitMs('b@shop.example'), t.waitMs('c@shop.example')]).toEqual([0, 1_000, 1_000]);
  });
});
