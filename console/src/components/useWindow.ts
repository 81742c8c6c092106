import type { RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { bottomScrollTop, heightsOf, windowRange, type WindowRange } from '../state/windowing.ts';

export interface WindowOptions<Item> {
  items: readonly Item[];
  keyOf: (item: Item) => string;
  /** The scroll container's rendered items, and the key each carries. */
  itemSelector: string;
  keyOfElement: (element: HTMLElement) => string | undefined;
  /** Height assumed for an item never rendered, in px. */
  estimate: number;
  overscan: number;
  /** Keep the end in view while the reader is there (a chat log). */
  followBottom: boolean;
  /** How close to the bottom counts as "at the bottom", in px. */
  bottomSlack?: number;
}

export interface WindowState {
  range: WindowRange;
  onScroll: () => void;
}

/** Used until the container has been laid out (and in tests, where nothing is). */
const FALLBACK_VIEWPORT = 800;

/**
 * Windowing for a scroll container: heights are measured after each render
 * and cached per key (an estimate stands in for the rest), the scroll
 * position decides the range, and a log that was at the bottom stays there
 * when items arrive or heights settle.
 */
export function useWindow<Item>(scrollRef: RefObject<HTMLElement>, options: WindowOptions<Item>): WindowState {
  const { items, keyOf, estimate, overscan, followBottom } = options;
  const measured = useRef(new Map<string, number>()).current;
  const atBottom = useRef(true);
  const frame = useRef(0);
  const [, setVersion] = useState(0);
  const [scroll, setScroll] = useState({ top: 0, height: 0 });

  const heights = heightsOf(items, keyOf, measured, estimate);
  const viewportHeight = scroll.height || FALLBACK_VIEWPORT;
  const total = heights.reduce((sum, height) => sum + height, 0);
  // Following the end, the range is the end's even before the browser has scrolled there.
  const scrollTop = followBottom && atBottom.current ? bottomScrollTop(total, viewportHeight) : scroll.top;
  const range = windowRange({ heights, scrollTop, viewportHeight, overscan });

  useLayoutEffect(() => {
    const container = scrollRef.current;
    if (!container) return;
    const gap = Number.parseFloat(getComputedStyle(container).rowGap) || 0;
    let changed = false;
    for (const element of container.querySelectorAll<HTMLElement>(options.itemSelector)) {
      const key = options.keyOfElement(element);
      // Zero means not laid out (a pane hidden behind a tab): keep what is known.
      if (key === undefined || element.offsetHeight === 0) continue;
      const height = element.offsetHeight + gap;
      if (Math.abs((measured.get(key) ?? -1) - height) > 0.5) {
        measured.set(key, height);
        changed = true;
      }
    }
    if (followBottom && atBottom.current) container.scrollTop = container.scrollHeight;
    if (container.clientHeight !== scroll.height) setScroll({ top: container.scrollTop, height: container.clientHeight });
    if (changed) setVersion((version) => version + 1);
  });

  useLayoutEffect(() => () => cancelAnimationFrame(frame.current), []);

  const onScroll = () => {
    const container = scrollRef.current;
    if (!container) return;
    const slack = options.bottomSlack ?? 0;
    atBottom.current = container.scrollHeight - container.scrollTop - container.clientHeight <= slack;
    // One re-render per frame, however many scroll events the frame brought.
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScroll({ top: container.scrollTop, height: container.clientHeight }));
  };

  return { range, onScroll };
}
