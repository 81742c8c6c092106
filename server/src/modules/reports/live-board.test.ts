import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveFigures, LiveFilter } from '@mostrador/shared';
import { dayNumberDate, localDayNumber } from '@mostrador/shared/reports';
import { LIVE_DEBOUNCE_MS, LiveBoard } from './live-board.ts';

let queued = 0;
let reads = 0;
let sent: Array<[string, LiveFigures]> = [];
const watched = new Set(['site_a']);
const tickets = { ticketsOpen: 0, ticketsWaiting: 0 };
/** The whole site, as a page without filters watches it. */
const WHOLE_SITE = () => [{}];

function board() {
  return new LiveBoard({
    counts: async () => {
      reads++;
      return { inProgress: 1, queued, ...tickets };
    },
    agentsOnline: () => 2,
    firstResponseToday: async () => ({ date: '2026-12-06', timeZone: 'UTC', medianSeconds: 30 }),
    watched: (siteId) => watched.has(siteId),
    filtersWatched: WHOLE_SITE,
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

  it('reads each filter the site’s admins watch, with that filter, and sends each only when its own figures changed', async () => {
    const filters: LiveFilter[] = [{}, { departmentId: 'dep_shoes' }, { agentId: 'agt_jordi', tag: 'vip' }];
    const asked: LiveFilter[] = [];
    const live = new LiveBoard({
      counts: async (_siteId, filter) => {
        asked.push(filter);
        // The department's figures change; the others' stay.
        return { inProgress: filter.departmentId ? queued + 1 : 5, queued: 0, ...tickets };
      },
      agentsOnline: (_siteId, filter) => (filter.agentId ? 1 : 3),
      firstResponseToday: async () => ({ date: '2026-12-06', timeZone: 'UTC', medianSeconds: null }),
      watched: () => true,
      filtersWatched: () => filters,
      changed: (siteId, figures) => sent.push([siteId, figures]),
    });
    for (const filter of filters) await live.watching('site_a', filter);
    expect(asked).toEqual(filters);
    queued = 1;
    live.touch('site_a');
    await vi.advanceTimersByTimeAsync(LIVE_DEBOUNCE_MS);
    expect(asked).toHaveLength(6);
    expect(sent).toEqual([['site_a', expect.objectContaining({ filter: { departmentId: 'dep_shoes' }, inProgress: 2, agentsOnline: 3 })]]);
    // Nobody follows the department any more: it is no longer read; the rest still are, and nothing changed.
    filters.splice(1, 1);
    live.touch('site_a');
    await vi.advanceTimersByTimeAsync(LIVE_DEBOUNCE_MS);
    expect(asked.slice(6)).toEqual([{}, { agentId: 'agt_jordi', tag: 'vip' }]);
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
        return { inProgress: 0, queued: answer.queued, ...tickets };
      },
      agentsOnline: () => 1,
      firstResponseToday: async () => ({ date: '2026-12-06', timeZone: 'UTC', medianSeconds: null }),
      watched: () => true,
      filtersWatched: WHOLE_SITE,
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
      counts: async () => ({ inProgress: 0, queued: 0, ...tickets }),
      agentsOnline: () => 1,
      firstResponseToday: async () => {
        reads++;
        const date = dayNumberDate(localDayNumber(Date.now(), 'Europe/Madrid'));
        return { date, timeZone: 'Europe/Madrid', medianSeconds: date === '2026-12-06' ? 45 : null };
      },
      watched: (siteId) => watchers.has(siteId),
      filtersWatched: WHOLE_SITE,
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
