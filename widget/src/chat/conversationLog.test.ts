import { describe, expect, it } from 'vitest';
import { contiguousSeq, hasGap, mergeEvents } from './conversationLog.ts';
import { message, seqs, statusEvent } from './testEvents.ts';

describe('mergeEvents', () => {
  it('orders events by seq whatever order they arrive in', () => {
    const { events } = mergeEvents([message(2)], [message(4), message(1), message(3)]);
    expect(seqs(events)).toEqual([1, 2, 3, 4]);
  });

  it('ignores seqs already held, keeping the first copy', () => {
    const first = message(1, { body: 'original' });
    const { events, added } = mergeEvents([first], [message(1, { body: 'duplicate' }), message(2)]);
    expect(seqs(events)).toEqual([1, 2]);
    expect(events[0]).toBe(first);
    expect(seqs(added)).toEqual([2]);
  });

  it('dedupes within one incoming batch', () => {
    const { events, added } = mergeEvents([], [message(1), message(1)]);
    expect(seqs(events)).toEqual([1]);
    expect(added).toHaveLength(1);
  });

  it('returns the same array when nothing is new, so views need not re-render', () => {
    const held = [message(1), statusEvent(2, 'closed')];
    expect(mergeEvents(held, [message(1)]).events).toBe(held);
  });
});

describe('gap detection', () => {
  it('knows how far the log is complete', () => {
    expect(contiguousSeq([])).toBe(0);
    expect(contiguousSeq([message(1), message(2)])).toBe(2);
    expect(contiguousSeq([message(1), message(2), message(4)])).toBe(2);
    expect(contiguousSeq([message(2)])).toBe(0);
  });

  it('flags an event beyond lastSeq + 1', () => {
    expect(hasGap([message(1), message(2)])).toBe(false);
    expect(hasGap(mergeEvents([message(1)], [message(3)]).events)).toBe(true);
  });

  it('flags a conversation whose lastSeq is ahead of what we hold', () => {
    expect(hasGap([message(1)], 1)).toBe(false);
    expect(hasGap([message(1)], 2)).toBe(true);
    expect(hasGap([], 0)).toBe(false);
  });
});
