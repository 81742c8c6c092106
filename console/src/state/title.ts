import type { ConsoleState } from './consoleState.ts';
import { unreadOf } from './unread.ts';

/** "(3) Mostrador" while anything is unread, the plain name otherwise. */
export function titleWithUnread(name: string, unread: number): string {
  return unread > 0 ? `(${unread}) ${name}` : name;
}

/** Unread visitor messages across every conversation listed. */
export function totalUnread(state: Pick<ConsoleState, 'conversations' | 'logs' | 'viewedSeq'>): number {
  let total = 0;
  for (const id of Object.keys(state.conversations)) {
    total += unreadOf(state.conversations[id], state.logs[id], state.viewedSeq[id] ?? 0);
  }
  return total;
}
