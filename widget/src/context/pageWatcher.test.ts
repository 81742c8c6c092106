import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPages } from './pageWatcher.ts';

describe('watchPages', () => {
  let pages: string[];
  let unwatch = () => {};
  beforeEach(() => {
    vi.useFakeTimers();
    history.replaceState(null, '', '/');
    pages = [];
  });
  afterEach(() => {
    unwatch();
    vi.useRealTimers();
  });

  const watch = (intervalMs?: number) => {
    unwatch = watchPages(window, (url) => pages.push(url), intervalMs);
  };

  it('reports the current page at once', () => {
    history.replaceState(null, '', '/products/hoodie');
    watch();
    expect(pages).toEqual([`${location.origin}/products/hoodie`]);
  });

  it('notices pushState on the next poll, once per change', () => {
    watch();
    history.pushState(null, '', '/collections/all');
    vi.advanceTimersByTime(999);
    expect(pages).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(pages).toEqual([`${location.origin}/`, `${location.origin}/collections/all`]);
    vi.advanceTimersByTime(5_000);
    expect(pages).toHaveLength(2);
  });

  it('polls at the given interval', () => {
    watch(250);
    history.pushState(null, '', '/cart');
    vi.advanceTimersByTime(250);
    expect(pages.at(-1)).toBe(`${location.origin}/cart`);
  });

  it('reports at once on popstate and hashchange', () => {
    watch();
    history.pushState(null, '', '/products/mug');
    window.dispatchEvent(new PopStateEvent('popstate'));
    history.replaceState(null, '', '/products/mug#reviews');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(pages).toEqual([`${location.origin}/`, `${location.origin}/products/mug`, `${location.origin}/products/mug#reviews`]);
  });

  it('stops listening and polling once unsubscribed', () => {
    watch();
    unwatch();
    history.pushState(null, '', '/checkout');
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(5_000);
    expect(pages).toEqual([`${location.origin}/`]);
  });
});
