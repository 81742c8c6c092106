import { describe, expect, it } from 'vitest';
import { OneAtATime, OneAtATimePerKey } from './one-at-a-time.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('OneAtATime', () => {
  it('runs each step after the one before has finished, in the order asked, and a failure does not stop the next', async () => {
    const serial = new OneAtATime();
    const log: string[] = [];
    const step = (name: string, fail = false) =>
      serial.run(async () => {
        log.push(`${name} starts`);
        await tick();
        log.push(`${name} ends`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a'), step('b', true), step('c')]);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b', 'c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('OneAtATimePerKey', () => {
  it('runs a key’s steps in the order asked while another key’s run alongside, and forgets a key once idle', async () => {
    const perKey = new OneAtATimePerKey();
    const log: string[] = [];
    const step = (key: string, name: string, fail = false) =>
      perKey.run(key, async () => {
        log.push(`${name} starts`);
        await tick();
        log.push(`${name} ends`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a', 'a1', true), step('b', 'b1'), step('a', 'a2')]);
    // b1 does not wait for a1; a2 waits for a1, failed or not.
    expect(log.indexOf('b1 starts')).toBeLessThan(log.indexOf('a1 ends'));
    expect(log.indexOf('a2 starts')).toBeGreaterThan(log.indexOf('a1 ends'));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    await tick();
    expect(perKey.keys).toBe(0);
  });
});
