import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveFigures } from '@mostrador/shared';
import { LIVE_DEBOUNCE_MS, LiveBoard } from './live-board.ts';

let queued = 0;
let reads = 0;
let sent: Array<[string, LiveFigures]> = [];
const watched = new Set(['site_a']);

function board() {
  return new LiveBoard({
    counts: () => {
      reads++;
      return { inProgress: 1, queued };
    },
    agentsOnline: () => 2,
    firstResponseToday: () => ({ date: '2026-12-06', timeZone: 'UTC', medianSeconds: 30 }),
    watched: (siteId) => watched.has(siteId),
    changed: (siteId, figures) => sent.push([siteId, figures]),
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  queued = 0;
  reads = 0;
  sent = [];
});
afterEach(() => vi.useRealTimers());

describe('the live figures’ board', () => {
  it('reads a watched site once per second however many changes came, and sends only what changed', () => {
    const live = board();
    live.watching('site_a');
    reads = 0;
    queued = 1;
    for (let i = 0; i < 50; i++) live.touch('site_a');
    expect(reads).toBe(0);
    vi.advanceTimersByTime(LIVE_DEBOUNCE_MS - 1);
    expect(reads).toBe(0);
    vi.advanceTimersByTime(1);
    expect(reads).toBe(1);
    expect(sent).toEqual([
      ['site_a', expect.objectContaining({ inProgress: 1, queued: 1, agentsOnline: 2, firstResponseMedianSeconds: 30 })],
    ]);
    // Nothing new: read again, not sent again.
    live.touch('site_a');
    vi.advanceTimersByTime(LIVE_DEBOUNCE_MS);
    expect(reads).toBe(2);
    expect(sent).toHaveLength(1);
  });

  it('reads nothing for a site nobody watches', () => {
    const live = board();
    live.touch('site_b');
    vi.advanceTimersByTime(LIVE_DEBOUNCE_MS * 3);
    expect(reads).toBe(0);
    expect(sent).toEqual([]);
  });
});
