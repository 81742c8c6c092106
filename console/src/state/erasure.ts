import { without, type ConsoleState } from './consoleState.ts';
import { closePane } from './panes.ts';

/**
 * The console after an admin erased a visitor: their conversations leave
 * the lists, their panes close, and every log, draft and unsent reply held
 * for them is dropped, so nothing of the person stays on screen or in memory.
 */
export function dropConversations(state: ConsoleState, conversationIds: readonly string[]): ConsoleState {
  let next = state;
  for (const id of conversationIds) {
    next = {
      ...next,
      conversations: without(next.conversations, id),
      logs: without(next.logs, id),
      syncing: without(next.syncing, id),
      viewedSeq: without(next.viewedSeq, id),
      visitorTyping: without(next.visitorTyping, id),
      visitorDrafts: without(next.visitorDrafts, id),
      colleagueTyping: without(next.colleagueTyping, id),
      actions: without(next.actions, id),
      panes: closePane(next.panes, id),
    };
  }
  const erased = new Set(conversationIds);
  return { ...next, outbox: next.outbox.filter((message) => !erased.has(message.conversationId)) };
}
