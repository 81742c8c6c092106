import { describe, expect, it } from 'vitest';
import { LIVE_FILTERS_APPLIED, liveFilterKey, liveFiltersIgnored } from './live.ts';

describe('Live now’s filters', () => {
  it('reads the same filter the same way, whatever the order or the empty fields', () => {
    expect(liveFilterKey({ tag: 'vip', departmentId: 'dep_a' })).toBe(liveFilterKey({ departmentId: 'dep_a', tag: 'vip' }));
    expect(liveFilterKey({ agentId: undefined })).toBe(liveFilterKey({}));
    expect(liveFilterKey({ origin: 'trigger' })).not.toBe(liveFilterKey({}));
  });

  it('names the figures that cannot follow a filter that is set, and only those', () => {
    expect(liveFiltersIgnored({})).toEqual([]);
    expect(liveFiltersIgnored({ departmentId: 'dep_a' })).toEqual([]);
    expect(liveFiltersIgnored({ agentId: 'agt_a' })).toEqual([{ figure: 'queued', ignored: ['agentId'] }]);
    expect(liveFiltersIgnored({ agentId: 'agt_a', origin: 'trigger', tag: 'vip' })).toEqual([
      { figure: 'queued', ignored: ['agentId'] },
      { figure: 'agentsOnline', ignored: ['origin', 'tag'] },
    ]);
    // Every figure follows the department: a department's desk is the usual question.
    expect(Object.values(LIVE_FILTERS_APPLIED).every((applied) => (applied as readonly string[]).includes('departmentId'))).toBe(true);
  });
});
