import type { ConversationFacts } from './facts.ts';

/** How soon after a close the customer writing again means the conversation was not really resolved. */
export const REOPEN_WINDOW_HOURS = 72;
const WINDOW_MS = REOPEN_WINDOW_HOURS * 3_600_000;

/** A conversation the customer started (in the chat or by email), as the reopen rate reads it. */
export interface CustomerStart {
  customerKey: string;
  createdAt: number;
}

/**
 * The facts with `reopened` also set where the same customer started another
 * conversation within REOPEN_WINDOW_HOURS after this one's last close. A
 * shopper who writes after a close starts a new conversation (in the widget,
 * or by answering an email), so "opened again" is most often that, not the
 * same conversation reopening. `starts` are every conversation the site's
 * customers started from the period's start to REOPEN_WINDOW_HOURS past its
 * end, whatever the report's filters: coming back to another department is
 * still coming back.
 */
export function withReturns(facts: readonly ConversationFacts[], starts: readonly CustomerStart[]): ConversationFacts[] {
  const byCustomer = new Map<string, number[]>();
  for (const start of starts) {
    const list = byCustomer.get(start.customerKey);
    if (list) list.push(start.createdAt);
    else byCustomer.set(start.customerKey, [start.createdAt]);
  }
  for (const list of byCustomer.values()) list.sort((a, b) => a - b);
  return facts.map((f) => {
    if (f.reopened || f.lastClosedAt === null) return f;
    const closedAt = f.lastClosedAt;
    const later = byCustomer.get(f.customerKey);
    const returned = later !== undefined && firstAfter(later, closedAt) <= closedAt + WINDOW_MS;
    return returned ? { ...f, reopened: true } : f;
  });
}

/** The first moment in a sorted list strictly after `at`; Infinity if none. */
function firstAfter(sorted: readonly number[], at: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= at) low = middle + 1;
    else high = middle;
  }
  return sorted[low] ?? Number.POSITIVE_INFINITY;
}
