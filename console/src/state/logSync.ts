import type { ConversationEvent, ConversationSummary } from '@mostrador/shared';
import { without } from './consoleState.ts';
import type { ControllerContext } from './controllerContext.ts';
import { lastSeqOf, mergeEvents } from './log.ts';
import { focusedPane } from './panes.ts';
import { stopColleagueTyping, stopVisitorTyping } from './typing.ts';

/**
 * Keeps held logs contiguous: merges events from facts and sync pages,
 * resyncs from the last held seq after a gap, and records what the agent has
 * seen in the focused pane.
 */
export class LogSync {
  /** Conversations whose sync should run again once the current one ends. */
  private readonly resyncRequested = new Set<string>();
  private readonly syncsInFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly context: ControllerContext,
    /** Where summaries from sync pages go: the controller decides whether they still involve the agent. */
    private readonly applySummary: (conversation: ConversationSummary) => void,
    private readonly onViewedChange?: (viewed: Readonly<Record<string, number>>) => void,
    /** Read receipts: the visitor's last message the agent has had on screen, when the page is in front of them. */
    private readonly onRead?: (conversationId: string, seq: number) => void,
  ) {}

  /** Fetches a conversation's events after the last held seq, page by page. */
  sync(conversationId: string): Promise<void> {
    const { store } = this.context;
    const running = this.syncsInFlight.get(conversationId);
    if (running) {
      this.resyncRequested.add(conversationId);
      return running;
    }
    const run = this.runSync(conversationId).finally(() => {
      this.syncsInFlight.delete(conversationId);
      store.update((state) => ({ ...state, syncing: without(state.syncing, conversationId) }));
      if (this.resyncRequested.delete(conversationId) && conversationId in store.get().conversations) {
        void this.sync(conversationId);
      }
    });
    this.syncsInFlight.set(conversationId, run);
    store.update((state) => ({ ...state, syncing: { ...state.syncing, [conversationId]: true } }));
    return run;
  }

  /** Every held log, after a reconnect. */
  syncHeld(): Promise<void> {
    const held = Object.keys(this.context.store.get().logs);
    return Promise.all(held.map((id) => this.sync(id))).then(() => undefined);
  }

  applyEvents(conversationId: string, events: readonly ConversationEvent[], { resyncOnGap }: { resyncOnGap: boolean }): void {
    const { store } = this.context;
    const held = store.get().logs[conversationId] ?? [];
    const { log, added, resyncAfterSeq } = mergeEvents(held, events);
    if (added.length > 0) {
      const confirmed = new Set(added.map((event) => (event.type === 'message' ? event.clientId : '')));
      const visitorSpoke = added.some((event) => event.type === 'message' && event.author.kind === 'visitor');
      store.update((state) => {
        let next = {
          ...state,
          logs: { ...state.logs, [conversationId]: log },
          outbox: state.outbox.filter((message) => !confirmed.has(message.clientId)),
        };
        if (visitorSpoke) next = stopVisitorTyping(next, conversationId);
        for (const event of added) {
          if (event.type === 'message' && event.author.kind === 'agent' && event.author.id) {
            next = stopColleagueTyping(next, conversationId, event.author.id);
          }
        }
        return next;
      });
      if (focusedPane(store.get().panes) === conversationId) this.markViewed(conversationId);
    }
    if (resyncAfterSeq !== null) {
      if (resyncOnGap) void this.sync(conversationId);
      else this.resyncRequested.add(conversationId);
    }
  }

  markViewed(conversationId: string): void {
    const { store, me } = this.context;
    const { logs, conversations, viewedSeq } = store.get();
    const conversation = conversations[conversationId];
    // Only the agents in the chat tell the visitor they have read it.
    const inChat = conversation?.assignee?.id === me.id || conversation?.guests.some((guest) => guest.id === me.id);
    const lastFromVisitor = inChat ? lastVisitorMessageSeq(logs[conversationId] ?? []) : 0;
    if (lastFromVisitor > 0) this.onRead?.(conversationId, lastFromVisitor);
    const seen = Math.max(lastSeqOf(logs[conversationId] ?? []), conversations[conversationId]?.lastSeq ?? 0);
    if ((viewedSeq[conversationId] ?? 0) >= seen) return;
    store.update((state) => ({ ...state, viewedSeq: { ...state.viewedSeq, [conversationId]: seen } }));
    this.onViewedChange?.(store.get().viewedSeq);
  }

  private async runSync(conversationId: string): Promise<void> {
    const { store, connection } = this.context;
    for (;;) {
      const afterSeq = lastSeqOf(store.get().logs[conversationId] ?? []);
      const result = await connection.request('conversation:sync', { conversationId, afterSeq });
      // A failed sync is retried on the next reconnect or the next gap.
      if (!result.ok) return;
      this.applySummary(result.data.conversation);
      if (!(conversationId in store.get().conversations)) return;
      this.applyEvents(conversationId, result.data.events, { resyncOnGap: false });
      const progressed = lastSeqOf(store.get().logs[conversationId] ?? []) > afterSeq;
      // Before the first page the log may not exist; an empty conversation still counts as held.
      store.update((state) => (conversationId in state.logs ? state : { ...state, logs: { ...state.logs, [conversationId]: [] } }));
      if (!result.data.hasMore || !progressed) return;
    }
  }
}

function lastVisitorMessageSeq(log: readonly ConversationEvent[]): number {
  for (let i = log.length - 1; i >= 0; i -= 1) {
    const event = log[i]!;
    if (event.type === 'message' && event.author.kind === 'visitor') return event.seq;
  }
  return 0;
}
