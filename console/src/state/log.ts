import type { ConversationEvent } from '@mostrador/shared';

/** A conversation's log as held by the console: contiguous seqs from 1, oldest first. */
export type ConversationLog = readonly ConversationEvent[];

export interface MergeResult {
  log: ConversationLog;
  /** Events that were new to the log, in seq order. */
  added: readonly ConversationEvent[];
  /**
   * Set when an incoming event skipped ahead of the log: the seq to resync
   * from (the last one held). Events past the gap are left for that resync.
   */
  resyncAfterSeq: number | null;
}

export function lastSeqOf(log: ConversationLog): number {
  return log.at(-1)?.seq ?? 0;
}

/**
 * Adds incoming events to a log. Seqs already held are ignored, so repeated
 * facts and overlapping sync pages are harmless; a seq beyond last+1 means
 * something was missed, and the log stops there rather than holding a hole.
 */
export function mergeEvents(log: ConversationLog, incoming: readonly ConversationEvent[]): MergeResult {
  const ordered = [...incoming].sort((a, b) => a.seq - b.seq);
  const added: ConversationEvent[] = [];
  let last = lastSeqOf(log);
  let resyncAfterSeq: number | null = null;
  for (const event of ordered) {
    if (event.seq <= last) continue;
    if (event.seq > last + 1) {
      resyncAfterSeq = last;
      break;
    }
    added.push(event);
    last = event.seq;
  }
  return { log: added.length > 0 ? [...log, ...added] : log, added, resyncAfterSeq };
}
