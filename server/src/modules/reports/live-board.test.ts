import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveFigures } from '@mostrador/shared';
import { dayNumberDate, localDayNumber } from '@mostrador/shared/reports';
import { LIVE_DEBOUNCE_MS, LiveBoard } from './live-board.ts';

let queued = 0;
let reads = 0;
let sent: Array<[string, LiveFigures]> = [];
const watched = new Set(['site_a']);

function board() {
  return new LiveBoard({
    counts: async () => {
      reads++;
      return { inProgress: 1, queued };
    },
    agentsOnline: () => 2,
    firstResponseToday: async () => ({ date: '2026-12-06', timeZone: 'UTC', medianSeconds: 30 }),
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
  it('reads a watched site once per second however many changes came, and sends only what changed', async () => {
    const live = board();
    await live.watching('site_a');
    reads = 0;
    queued = 1;
    for (let i = 0; i < 50; i++) live.touch('site_a');
    expect(reads).toBe(0);
    await vi.advanceTimersByTimeAsync(LIVE_DEBOUNCE_MS - 1);
    expect(reads).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(reads).toBe(1);
    expect(sent).toEqual([
      ['site_a', expect.objectContaining({ inProgress: 1, queued: 1, agentsOnline: 2, firstResponseMedianSeconds: 30 })],
    ]);
    // Nothing new: read again, not sent again.
    live.touch('site_a');
    await vi.advanceTimersByTimeAsync(LIVE_DEBOUNCE_MS);
    expect(reads).toBe(2);
    expect(sent).toHaveLength(1);
  });

  it('reads nothing for a site nobody watches', async () => {
    const live = board();
    live.touch('site_b');
    await vi.advanceTimersByTimeAsync(LIVE_DEBOUNCE_MS * 3);
    expect(reads).toBe(0);
    expect(sent).toEqual([]);
  });

  it('sends a site’s readings in the order they were taken, however long the database takes over each', async () => {
    // The first reading is slow (a busy database), the second quick: the second must not be overwritten by the first.
    const answers = [
      { wait: LIVE_DEBOUNCE_MS * 3, queued: 1 },
      { wait: 0, queued: 2 },
    ];
    const live = new LiveBoard({
      counts: async () => {
        const answer = answers.shift() ?? { wait: 0, queued: 2 };
        await new Promise((resolve) => setTimeout(resolve, answer.wait));
        return { inProgress: 0, queued: answer.queued };
      },
      agentsOnline: () => 1,
      firstResponseToday: async () => ({ date: '2026-12-06', timeZone: 'UTC', medianSeconds: null }),
      watched: () => true,
      changed: (siteId, figures) => sent.push([siteId, figures]),
    });
    live.touch('site_a');
    await vi.advanceTimersByTimeAsync(LIVE_DEBOUNCE_MS);
    live.touch('site_a');
    await vi.advanceTimersByTimeAsync(LIVE_DEBOUNCE_MS * 5);
    expect(sent.map(([, figures]) => figures.queued)).toEqual([1, 2]);
  });

  it('starts today’s first response again at the site’s local midnight, with nothing happening on the site', async () => {
    // 23:59:30 on 6 December in Madrid; nobody writes after it.
    vi.setSystemTime(Date.UTC(2026, 11, 6, 22, 59, 30));
    const watchers = new Set(['site_a']);
    const live = new LiveBoard({
      counts: async () => ({ inProgress: 0, queued: 0 }),
      agentsOnline: () => 1,
      firstResponseToday: async () => {
        reads++;
        const date = dayNumberDate(localDayNumber(Date.now(), 'Europe/Madrid'));
        return { date, timeZone: 'Europe/Madrid', medianSeconds: date === '2026-12-06' ? 45 : null };
      },
      watched: (siteId) => watchers.has(siteId),
      changed: (siteId, figures) => sent.push([siteId, figures]),
    });
    expect(await live.watching('site_a')).toMatchObject({ date: '2026-12-06', firstResponseMedianSeconds: 45 });
    await vi.advanceTimersByTimeAsync(30_000 - 1);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1 + LIVE_DEBOUNCE_MS);
    expect(sent).toEqual([['site_a', expect.objectContaining({ date: '2026-12-07', firstResponseMedianSeconds: null })]]);
    // The next midnight too; and once nobody watches, midnight reads nothing.
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(sent.map(([, figures]) => figures.date)).toEqual(['2026-12-07', '2026-12-08']);
    watchers.clear();
    reads = 0;
    await vi.advanceTimersByTimeAsync(2 * 86_400_000);
    expect(reads).toBe(0);
    live.close();
  });
});
