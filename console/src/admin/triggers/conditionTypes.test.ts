import { describe, expect, it } from 'vitest';
import { CONDITION_GROUPS, CONDITION_LABELS } from './conditionTypes.ts';

describe('condition groups', () => {
  it('offer every condition type exactly once', () => {
    const grouped = CONDITION_GROUPS.flatMap((group) => group.types);
    expect([...grouped].sort()).toEqual(Object.keys(CONDITION_LABELS).sort());
  });
});
