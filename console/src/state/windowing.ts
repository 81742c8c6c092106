/**
 * Which slice of a long list to put in the DOM. Only the items near the
 * viewport are rendered; the rest are stood in for by two spacers whose
 * heights add up what they replace, so the scrollbar stays true.
 */
export interface WindowRange {
  /** First rendered index. */
  start: number;
  /** One past the last rendered index. */
  end: number;
  /** Height of everything before `start`, in px. */
  before: number;
  /** Height of everything from `end` on, in px. */
  after: number;
  total: number;
}

export interface WindowInput {
  /** Each item's height: measured where known, an estimate otherwise. */
  heights: readonly number[];
  scrollTop: number;
  viewportHeight: number;
  /** Extra px rendered above and below the viewport, so fast scrolling does not show blanks. */
  overscan: number;
}

export function windowRange({ heights, scrollTop, viewportHeight, overscan }: WindowInput): WindowRange {
  const total = heights.reduce((sum, height) => sum + height, 0);
  const top = Math.max(0, Math.min(scrollTop, total - viewportHeight) - overscan);
  const bottom = Math.max(scrollTop, 0) + viewportHeight + overscan;
  let start = heights.length;
  let end = heights.length;
  let before = 0;
  let offset = 0;
  for (let index = 0; index < heights.length; index += 1) {
    const next = offset + heights[index]!;
    if (start === heights.length && next > top) {
      start = index;
      before = offset;
    }
    if (offset >= bottom) {
      end = index;
      break;
    }
    offset = next;
  }
  if (start === heights.length) before = total;
  const renderedEnd = Math.max(start, end);
  let rendered = 0;
  for (let index = start; index < renderedEnd; index += 1) rendered += heights[index]!;
  return { start, end: renderedEnd, before, after: Math.max(0, total - before - rendered), total };
}

/** The scroll position that shows the end of the list. */
export function bottomScrollTop(total: number, viewportHeight: number): number {
  return Math.max(0, total - viewportHeight);
}

/** Heights per key as last measured, with an estimate for items never rendered. */
export function heightsOf<Item>(
  items: readonly Item[],
  keyOf: (item: Item) => string | number,
  measured: ReadonlyMap<string | number, number>,
  estimate: number,
): number[] {
  return items.map((item) => measured.get(keyOf(item)) ?? estimate);
}

type MessageOf<Event> = Extract<Event, { type: 'message' }>;

/** The last `keep` messages with a seq after `baseline`: what arrived while the reader was there. */
export function arrivedSince<Event extends { type: string; seq: number }>(
  events: readonly Event[],
  baseline: number,
  keep: number,
): MessageOf<Event>[] {
  const arrived: MessageOf<Event>[] = [];
  for (let index = events.length - 1; index >= 0 && arrived.length < keep; index -= 1) {
    const event = events[index]!;
    if (event.seq <= baseline) break;
    if (event.type === 'message') arrived.unshift(event as MessageOf<Event>);
  }
  return arrived;
}
