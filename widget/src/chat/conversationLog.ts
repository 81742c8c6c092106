import type { VisitorEvent } from '@mostrador/shared';

/**
 * A conversation's log is ordered by `seq` (1, 2, 3… with no gaps on the
 * server). Events reach us from acks, live facts and sync pages, in any order
 * and sometimes twice; merging by seq makes all of them safe to apply.
 */
export interface MergeResult {
  events: readonly VisitorEvent[];
  /** The incoming events that were not held before, in seq order. */
  added: readonly VisitorEvent[];
}

export function mergeEvents(held: readonly VisitorEvent[], incoming: readonly VisitorEvent[]): MergeResult {
  const seen = new Set(held.map((event) => event.seq));
  const added: VisitorEvent[] = [];
  for (const event of incoming) {
    if (seen.has(event.seq)) continue;
    seen.add(event.seq);
    added.push(event);
  }
  if (added.length === 0) return { events: held, added };
  added.sort((a, b) => a.seq - b.seq);
  const events = [...held, ...added].sort((a, b) => a.seq - b.seq);
  return { events, added };
}

/** The highest seq up to which we hold every event (0 when we hold none from 1). */
export function contiguousSeq(events: readonly VisitorEvent[]): number {
  let expected = 1;
  for (const event of events) {
    if (event.seq < expected) continue;
    if (event.seq !== expected) break;
    expected += 1;
  }
  return expected - 1;
}

/** True when something later than what we hold contiguously is known to exist. */
export function hasGap(events: readonly VisitorEvent[], knownLastSeq = 0): boolean {
  const last = events.at(-1)?.seq ?? 0;
  return Math.max(last, knownLastSeq) > contiguousSeq(events);
}
