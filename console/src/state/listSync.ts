import type { ConversationSummary, InboxView } from '@mostrador/shared';
import { newlyQueued, type Alert } from './alerts.ts';
import { without, type ConsoleState } from './consoleState.ts';
import type { ControllerContext } from './controllerContext.ts';
import { replaceConversations, upsertConversation } from './conversations.ts';
import { closePane } from './panes.ts';
import { involvesMe, viewsFor } from './views.ts';

/** Forgets a conversation that no longer involves the agent: its row, log, pane and pending replies. */
export function dropConversation(state: ConsoleState, id: string): ConsoleState {
  return {
    ...state,
    conversations: without(state.conversations, id),
    logs: without(state.logs, id),
    visitorTyping: without(state.visitorTyping, id),
    visitorDrafts: without(state.visitorDrafts, id),
    colleagueTyping: without(state.colleagueTyping, id),
    outbox: state.outbox.filter((message) => message.conversationId !== id),
    actions: without(state.actions, id),
    panes: closePane(state.panes, id),
  };
}

/**
 * Keeps the inbox's conversations: loads every view on connect and applies
 * the summaries facts and answers carry, dropping what no longer involves
 * the agent and raising an alert for what newly waits in their queue.
 */
export class ListSync {
  constructor(
    private readonly context: ControllerContext,
    private readonly onAlert: (alert: Alert) => void,
  ) {}

  /** Returns false when the summary was dropped (or ignored as older than the one held). */
  applySummary(conversation: ConversationSummary, { fromFact }: { fromFact: boolean }): boolean {
    const { store, me } = this.context;
    const held = store.get().conversations[conversation.id];
    if (held && held.lastSeq > conversation.lastSeq) return true;
    if (!involvesMe(conversation, me)) {
      if (held) store.update((state) => dropConversation(state, conversation.id));
      return false;
    }
    store.update((state) => ({ ...state, conversations: upsertConversation(state.conversations, conversation) }));
    if (fromFact && newlyQueued(held, conversation, me)) this.onAlert({ kind: 'queued', conversation, reminder: false });
    return true;
  }

  /** Lists every view the agent may see; returns the open conversations listed, for unread counts. */
  async reload(): Promise<ConversationSummary[]> {
    const { store, connection, me } = this.context;
    const views = viewsFor(me);
    const results = await Promise.all(views.map((view: InboxView) => connection.request('conversation:list', { view })));
    const listed: ConversationSummary[] = [];
    for (const result of results) {
      if (!result.ok) {
        store.update((state) => ({ ...state, listsState: state.listsState === 'ready' ? 'ready' : 'failed' }));
        return [];
      }
      listed.push(...result.data.conversations);
    }
    const relevant = listed.filter((conversation) => involvesMe(conversation, me));
    store.update((state) => ({
      ...state,
      listsState: 'ready',
      conversations: replaceConversations(
        state.conversations,
        relevant,
        // An open pane stays until its own sync says whether it still involves the agent.
        (id) => state.panes.open.includes(id),
      ),
    }));
    return relevant.filter((conversation) => conversation.status === 'open');
  }
}
