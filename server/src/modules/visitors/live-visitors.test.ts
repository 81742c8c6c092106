import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VisitorsChanged } from '@mostrador/shared';
import { LiveVisitors, type ArrivingVisitor, type OpenPageView } from './live-visitors.ts';

const GRACE = 1_000;
const FLUSH = 100;

let changes: Array<[string, VisitorsChanged]>;
let left: Array<[string, string, number]>;
let live: LiveVisitors;

const arriving = (id: string, siteId = 'site-a', extra: Partial<ArrivingVisitor> = {}): ArrivingVisitor => ({
  id,
  siteId,
  label: `#${id.toUpperCase()}`,
  identity: { customerId: null, name: null, email: null, verified: false },
  visitStartedAt: 1_000,
  returning: false,
  device: { type: 'desktop', os: null, browser: null },
  pagesViewed: 0,
  cart: null,
  cartSkus: [],
  checkoutSince: null,
  conversationId: null,
  language: null,
  timeZone: null,
  ...extra,
});

const view = (path: string, startedAt: number, title = path): OpenPageView => ({
  url: `https://shop.example${path}`,
  title,
  referrer: '',
  product: null,
  startedAt,
});

/** Runs the pending flush and returns what it told, then forgets it. */
function flushed(): Array<[string, VisitorsChanged]> {
  vi.advanceTimersByTime(FLUSH);
  return changes.splice(0);
}

beforeEach(() => {
  vi.useFakeTimers();
  changes = [];
  left = [];
  live = new LiveVisitors({
    leaveGraceMs: GRACE,
    flushIntervalMs: FLUSH,
    onChanges: (siteId, c) => changes.push([siteId, c]),
    onLeft: (siteId, visitorId, at) => left.push([siteId, visitorId, at]),
  });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveVisitors', () => {
  it('lists a visitor once however many tabs it opens, reading its details only on arrival', () => {
    const details = vi.fn(() => arriving('v1', 'site-a', { pagesViewed: 3, returning: true }));
    live.connected('tab-1', 'v1', details);
    live.connected('tab-2', 'v1', details);
    expect(details).toHaveBeenCalledTimes(1);
    expect(live.isOnline('v1')).toBe(true);
    expect(live.isOnline('v2')).toBe(false);
    expect(live.list('site-a')).toEqual([
      {
        id: 'v1',
        label: '#V1',
        identity: { customerId: null, name: null, email: null, verified: false },
        page: null,
        visitStartedAt: 1_000,
        pagesViewed: 3,
        cart: null,
        conversationId: null,
        returning: true,
        device: { type: 'desktop', os: null, browser: null },
      },
    ]);
    expect(live.list('site-b')).toEqual([]);
  });

  it('folds the changes of one interval into one message per site', () => {
    live.connected('tab-1', 'v1', () => arriving('v1', 'site-a'));
    live.connected('tab-2', 'v2', () => arriving('v2', 'site-a'));
    live.connected('tab-3', 'v3', () => arriving('v3', 'site-b'));
    vi.advanceTimersByTime(FLUSH - 1);
    expect(changes).toEqual([]);
    const told = flushed();
    expect(told.map(([siteId, c]) => [siteId, c.updated.map((r) => r.id), c.left])).toEqual([
      ['site-a', ['v1', 'v2'], []],
      ['site-b', ['v3'], []],
    ]);
    // Nothing changed since: no further message.
    vi.advanceTimersByTime(FLUSH * 5);
    expect(changes).toEqual([]);
    // A later change starts a new interval.
    live.update('v1', { conversationId: 'cnv-1' });
    expect(flushed()).toEqual([['site-a', { updated: [expect.objectContaining({ id: 'v1', conversationId: 'cnv-1' })], left: [] }]]);
  });

  it('starts a new interval with the first change after a message, however many came before it', () => {
    live.connected('tab-1', 'v1', () => arriving('v1'));
    vi.advanceTimersByTime(FLUSH / 2);
    live.update('v1', { language: 'ca' });
    vi.advanceTimersByTime(FLUSH / 2);
    expect(changes).toHaveLength(1);
    vi.advanceTimersByTime(FLUSH / 5);
    live.update('v1', { language: 'es' });
    // Half an interval after the second change (when a timer of it would have fallen due): nothing yet.
    vi.advanceTimersByTime(FLUSH / 2);
    expect(changes).toHaveLength(1);
    vi.advanceTimersByTime(FLUSH / 2);
    expect(changes).toHaveLength(2);
    expect(changes[1]![1].updated[0]!.id).toBe('v1');
  });

  it('counts a new page, returns the page the tab left, and treats a repeat of the same page as no new view', () => {
    live.connected('tab-1', 'v1', () => arriving('v1'));
    expect(live.pageViewed('tab-1', 'v1', view('/a', 10, 'A'))).toBeNull();
    expect(live.get('v1')?.pagesViewed).toBe(1);
    const again = {
      ...view('/a', 20, 'A, renamed'),
      product: { name: 'P', sku: null, price: 5, currency: 'EUR', image: null, availability: null },
    };
    expect(live.pageViewed('tab-1', 'v1', again)).toBeNull();
    expect(live.get('v1')?.pagesViewed).toBe(1);
    expect(live.get('v1')?.current).toMatchObject({
      url: 'https://shop.example/a',
      title: 'A, renamed',
      startedAt: 10,
      product: { name: 'P' },
    });
    flushed();

    const previous = live.pageViewed('tab-1', 'v1', view('/b', 30, 'B'));
    expect(previous).toMatchObject({ url: 'https://shop.example/a', title: 'A, renamed' });
    expect(live.get('v1')?.pagesViewed).toBe(2);
    expect(flushed()).toEqual([
      [
        'site-a',
        { updated: [expect.objectContaining({ id: 'v1', page: { url: 'https://shop.example/b', title: 'B', product: null } })], left: [] },
      ],
    ]);
  });

  it('ignores pages from a visitor or a tab it does not know', () => {
    expect(live.pageViewed('tab-1', 'v1', view('/a', 10))).toBeNull();
    live.connected('tab-1', 'v1', () => arriving('v1'));
    flushed();
    expect(live.pageViewed('tab-9', 'v1', view('/a', 10))).toBeNull();
    expect(live.get('v1')).toMatchObject({ pagesViewed: 0, current: null });
    vi.advanceTimersByTime(FLUSH * 2);
    expect(changes).toEqual([]);
  });

  it('keeps the current page when a tab that showed nothing closes, even beside a page of the same moment', () => {
    live.connected('tab-1', 'v1', () => arriving('v1'));
    live.connected('tab-2', 'v1', () => arriving('v1'));
    live.connected('tab-3', 'v1', () => arriving('v1'));
    live.pageViewed('tab-1', 'v1', view('/first', 10));
    live.pageViewed('tab-2', 'v1', view('/second', 10));
    expect(live.disconnected('tab-3', 'v1', 20)).toBeNull();
    expect(live.get('v1')?.current?.url).toBe('https://shop.example/second');
  });

  it('picks the newest open page whatever the order the tabs opened in, skipping tabs with no page', () => {
    live.connected('tab-1', 'v1', () => arriving('v1'));
    live.connected('tab-2', 'v1', () => arriving('v1'));
    live.connected('tab-3', 'v1', () => arriving('v1'));
    live.connected('tab-4', 'v1', () => arriving('v1'));
    live.pageViewed('tab-1', 'v1', view('/newer', 50));
    live.pageViewed('tab-2', 'v1', view('/older', 10));
    live.pageViewed('tab-4', 'v1', view('/current', 60));
    live.disconnected('tab-4', 'v1', 70);
    expect(live.get('v1')?.current?.url).toBe('https://shop.example/newer');
  });

  it('shows the newest page of the tabs still open when the current tab closes', () => {
    live.connected('tab-1', 'v1', () => arriving('v1'));
    live.connected('tab-2', 'v1', () => arriving('v1'));
    live.connected('tab-3', 'v1', () => arriving('v1'));
    live.pageViewed('tab-1', 'v1', view('/old', 10));
    live.pageViewed('tab-2', 'v1', view('/newer', 30));
    live.pageViewed('tab-3', 'v1', view('/newest', 50));
    expect(live.disconnected('tab-3', 'v1', 60)).toMatchObject({ url: 'https://shop.example/newest' });
    expect(live.get('v1')?.current?.url).toBe('https://shop.example/newer');
    // Closing a tab that is not the current one keeps the current page.
    expect(live.disconnected('tab-1', 'v1', 70)).toMatchObject({ url: 'https://shop.example/old' });
    expect(live.get('v1')?.current?.url).toBe('https://shop.example/newer');
    expect(live.disconnected('tab-2', 'v1', 80)).toMatchObject({ url: 'https://shop.example/newer' });
    expect(live.get('v1')?.current).toBeNull();
    expect(live.disconnected('tab-2', 'v9', 80)).toBeNull();
  });

  it('keeps a visitor with no tab listed for the grace period, then tells it left', () => {
    live.connected('tab-1', 'v1', () => arriving('v1'));
    live.connected('tab-2', 'v1', () => arriving('v1'));
    flushed();
    live.disconnected('tab-1', 'v1', 500);
    vi.advanceTimersByTime(GRACE * 2);
    expect(live.isOnline('v1')).toBe(true);
    changes.splice(0);

    live.disconnected('tab-2', 'v1', 700);
    vi.advanceTimersByTime(GRACE - 1);
    expect(live.isOnline('v1')).toBe(true);
    expect(left).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(live.isOnline('v1')).toBe(false);
    expect(left).toEqual([['site-a', 'v1', 700]]);
    expect(flushed()).toEqual([['site-a', { updated: [], left: ['v1'] }]]);
    expect(live.list('site-a')).toEqual([]);
  });

  it('keeps a visitor who comes back within the grace period, with its count of pages', () => {
    live.connected('tab-1', 'v1', () => arriving('v1'));
    live.pageViewed('tab-1', 'v1', view('/a', 10));
    live.disconnected('tab-1', 'v1', 100);
    vi.advanceTimersByTime(GRACE - 10);
    const details = vi.fn(() => arriving('v1'));
    live.connected('tab-2', 'v1', details);
    expect(details).not.toHaveBeenCalled();
    vi.advanceTimersByTime(GRACE * 3);
    expect(left).toEqual([]);
    expect(live.get('v1')?.pagesViewed).toBe(1);
    expect(changes.flatMap(([, c]) => c.left)).toEqual([]);
  });

  it('tells an arrival after a departure in the same interval as an update, not a departure', () => {
    live.connected('tab-1', 'v1', () => arriving('v1'));
    flushed();
    live.disconnected('tab-1', 'v1', 100);
    vi.advanceTimersByTime(GRACE);
    expect(left).toHaveLength(1);
    live.connected('tab-2', 'v1', () => arriving('v1'));
    expect(flushed()).toEqual([['site-a', { updated: [expect.objectContaining({ id: 'v1' })], left: [] }]]);
  });

  it('applies updates to a listed visitor only', () => {
    live.update('v1', { cart: { total: 5, currency: 'EUR', items: 1 } });
    vi.advanceTimersByTime(FLUSH * 2);
    expect(changes).toEqual([]);
    live.connected('tab-1', 'v1', () => arriving('v1'));
    live.update('v1', { cart: { total: 5, currency: 'EUR', items: 1 }, language: 'ca' });
    expect(live.get('v1')).toMatchObject({ cart: { total: 5, currency: 'EUR', items: 1 }, language: 'ca' });
    expect(flushed()[0]![1].updated[0]!.cart).toEqual({ total: 5, currency: 'EUR', items: 1 });
  });

  it('forgets an erased visitor at once: told as left, and never reported as leaving later', () => {
    live.connected('tab-1', 'v1', () => arriving('v1'));
    live.connected('tab-2', 'v2', () => arriving('v2'));
    live.disconnected('tab-1', 'v1', 100);
    live.forget('v1');
    live.forget('v9');
    expect(live.isOnline('v1')).toBe(false);
    expect(flushed()).toEqual([['site-a', { updated: [expect.objectContaining({ id: 'v2' })], left: ['v1'] }]]);
    vi.advanceTimersByTime(GRACE * 2);
    expect(left).toEqual([]);
  });

  it('drains every open page at shutdown and tells nothing more', () => {
    live.connected('tab-1', 'v1', () => arriving('v1'));
    live.connected('tab-2', 'v1', () => arriving('v1'));
    live.connected('tab-3', 'v2', () => arriving('v2'));
    live.pageViewed('tab-1', 'v1', view('/a', 10));
    live.pageViewed('tab-3', 'v2', view('/b', 20));
    live.disconnected('tab-3', 'v2', 30);
    live.connected('tab-4', 'v2', () => arriving('v2'));
    live.disconnected('tab-4', 'v2', 40);
    expect(live.drain()).toEqual([{ visitorId: 'v1', page: view('/a', 10) }]);
    expect(live.list('site-a')).toEqual([]);
    vi.advanceTimersByTime(GRACE * 2);
    expect(changes).toEqual([]);
    expect(left).toEqual([]);
  });
});
