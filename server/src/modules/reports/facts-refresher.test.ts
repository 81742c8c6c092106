import { describe, expect, it } from 'vitest';
import { FactsRefresher } from './facts-refresher.ts';

describe('the report facts refresher', () => {
  it('refreshes each touched site once a pass, from a little before its first touch, and retries a failed one', async () => {
    let now = 100_000;
    const calls: [string, number][] = [];
    let fail = false;
    const refresher = new FactsRefresher(
      async (siteId, since) => {
        calls.push([siteId, since]);
        if (fail) throw new Error('down');
        return 1;
      },
      60_000,
      () => undefined,
      () => now,
    );
    await refresher.pass();
    expect(calls).toEqual([]);
    refresher.touch('s1');
    now += 1_000;
    refresher.touch('s1');
    refresher.touch('s2');
    await refresher.pass();
    expect(calls).toEqual([
      ['s1', 95_000],
      ['s2', 96_000],
    ]);
    // Nothing touched since: nothing read.
    await refresher.pass();
    expect(calls).toHaveLength(2);
    fail = true;
    now = 200_000;
    refresher.touch('s1');
    await refresher.pass();
    fail = false;
    await refresher.pass();
    expect(calls.slice(2)).toEqual([
      ['s1', 195_000],
      ['s1', 195_000],
    ]);
    await refresher.close();
  });
});
