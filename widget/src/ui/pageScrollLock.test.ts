import { afterEach, describe, expect, it, vi } from 'vitest';
import { lockPageScrollWhileSheet, SHEET_QUERY } from './pageScrollLock.ts';

/** A viewport whose sheet query the test turns on and off, as a rotation would. */
function fakeViewport(matches: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    matches,
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  };
  vi.spyOn(window, 'matchMedia').mockImplementation((text) => {
    expect(text).toBe(SHEET_QUERY);
    return query as unknown as MediaQueryList;
  });
  return {
    listeners,
    turn(next: boolean) {
      query.matches = next;
      for (const listener of [...listeners]) listener();
    },
  };
}

const locked = () => document.body.style.position === 'fixed' && document.documentElement.style.overflow === 'hidden';

describe('the page behind the sheet', () => {
  // jsdom has no matchMedia of its own.
  window.matchMedia ??= (() => null) as unknown as typeof window.matchMedia;
  afterEach(() => {
    document.body.removeAttribute('style');
    document.documentElement.removeAttribute('style');
  });

  it('is locked while the viewport is a phone’s, either way up, and given back when it no longer is or the panel closes', () => {
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    const viewport = fakeViewport(true);
    const stop = lockPageScrollWhileSheet(document);
    expect(locked()).toBe(true);
    // A tablet turned to landscape: the panel floats again, and the page scrolls.
    viewport.turn(false);
    expect(locked()).toBe(false);
    expect(scrollTo).toHaveBeenCalledTimes(1);
    viewport.turn(true);
    expect(locked()).toBe(true);
    stop();
    expect(locked()).toBe(false);
    expect(viewport.listeners.size).toBe(0);
  });

  it('stays as the shop left it on a wide screen', () => {
    document.body.style.position = 'relative';
    const viewport = fakeViewport(false);
    const stop = lockPageScrollWhileSheet(document);
    expect(document.body.style.position).toBe('relative');
    stop();
    expect(document.body.style.position).toBe('relative');
    expect(viewport.listeners.size).toBe(0);
  });
});
