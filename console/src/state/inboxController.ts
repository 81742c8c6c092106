import type { ConversationEvent, ConversationStatus, ConversationSummary } from '@mostrador/shared';
import { isTransportError, type AgentConnection } from '../api/agentConnection.ts';
import { newClientId } from './clientId.ts';
import { initialConsoleState, without, type ConsoleState, type OutgoingMessage } from './consoleState.ts';
import { conversationsWithStatus, replaceConversations, upsertConversation } from './conversations.ts';
import { lastSeqOf, mergeEvents } from './log.ts';
import { createStore, type Store } from './store.ts';

export interface InboxControllerOptions {
  connection: AgentConnection;
  /** Called once when the server refuses the session; the app returns to the login screen. */
  onSessionEnded: () => void;
  viewedSeqs?: Record<string, number>;
  onViewedChange?: (viewed: Readonly<Record<string, number>>) => void;
}

/**
 * Keeps the inbox in step with the server: turns socket facts and command
 * answers into state, resyncs logs after gaps and reconnects, and resends
 * replies the server has not confirmed.
 */
export class InboxController {
  readonly store: Store<ConsoleState>;
  private readonly connection: AgentConnection;
  private readonly unsubscribers: Array<() => void> = [];
  /** Conversations whose sync should run again once the current one ends. */
  private readonly resyncRequested = new Set<string>();
  private readonly syncsInFlight = new Map<string, Promise<void>>();
  /** Latest delivery attempt per clientId, so a stale timeout cannot mark a newer attempt. */
  private readonly attempts = new Map<string, number>();
  private wasConnected = false;

  constructor(private readonly options: InboxControllerOptions) {
    this.connection = options.connection;
    this.store = createStore<ConsoleState>({ ...initialConsoleState, viewedSeq: options.viewedSeqs ?? {} });
    const { connection } = this;
    this.unsubscribers.push(
      connection.onStatus((status) => {
        if (status === 'connected') void this.onConnected();
        else if (status === 'unauthorized') options.onSessionEnded();
        else this.onDisconnected();
      }),
      connection.on('conversation:created', ({ conversation }) => this.applySummary(conversation)),
      connection.on('message:created', ({ event, conversation }) => this.applyChange(event, conversation)),
      connection.on('conversation:changed', ({ event, conversation }) => this.applyChange(event, conversation)),
      connection.on('typing:changed', ({ conversationId, typing }) =>
        this.update((state) => ({
          ...state,
          visitorTyping: typing
            ? { ...state.visitorTyping, [conversationId]: true }
            : without(state.visitorTyping, conversationId),
        })),
      ),
    );
    if (connection.connected) void this.onConnected();
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.connection.close();
  }

  selectTab(tab: ConversationStatus): void {
    this.update((state) => ({ ...state, tab }));
  }

  select(conversationId: string): void {
    this.update((state) => ({ ...state, selectedId: conversationId }));
    this.markViewed(conversationId);
    if (!(conversationId in this.store.get().logs)) void this.sync(conversationId);
  }

  /** Moves to the previous (-1) or next (+1) conversation of the visible list; returns its id. */
  moveSelection(step: -1 | 1): string | null {
    const { conversations, tab, selectedId } = this.store.get();
    const list = conversationsWithStatus(conversations, tab);
    if (list.length === 0) return null;
    const index = list.findIndex((conversation) => conversation.id === selectedId);
    const nextIndex = index === -1 ? (step === 1 ? 0 : list.length - 1) : Math.min(Math.max(index + step, 0), list.length - 1);
    const next = list[nextIndex];
    if (!next) return null;
    if (next.id !== selectedId) this.select(next.id);
    return next.id;
  }

  send(conversationId: string, body: string): void {
    const message: OutgoingMessage = {
      clientId: newClientId(),
      conversationId,
      body,
      createdAt: Date.now(),
      state: 'sending',
    };
    this.update((state) => ({ ...state, outbox: [...state.outbox, message] }));
    void this.deliver(message.clientId);
  }

  retry(clientId: string): void {
    void this.deliver(clientId);
  }

  setTyping(conversationId: string, typing: boolean): void {
    // Typing hints are worth nothing late, so one lost while offline is dropped.
    if (this.connection.connected) void this.connection.request('typing:set', { conversationId, typing });
  }

  async close(conversationId: string): Promise<void> {
    this.update((state) => ({ ...state, closing: { ...state.closing, [conversationId]: 'pending' } }));
    const result = await this.connection.request('conversation:close', { conversationId });
    if (result.ok) {
      this.applyChange(result.data.event, result.data.conversation);
      this.update((state) => ({ ...state, closing: without(state.closing, conversationId) }));
    } else {
      this.update((state) => ({ ...state, closing: { ...state.closing, [conversationId]: 'failed' } }));
    }
  }

  private update(change: (state: ConsoleState) => ConsoleState): void {
    this.store.update(change);
  }

  private async onConnected(): Promise<void> {
    this.wasConnected = true;
    this.update((state) => ({ ...state, connection: 'connected' }));
    // Anything may have happened while away: new conversations, messages,
    // closes. Lists first, then every held log, then what is still unsent.
    await this.reloadLists();
    const held = Object.keys(this.store.get().logs);
    await Promise.all(held.map((id) => this.sync(id)));
    const unsent = this.store.get().outbox.filter((message) => message.state !== 'failed');
    await Promise.all(unsent.map((message) => this.deliver(message.clientId)));
  }

  private onDisconnected(): void {
    this.update((state) => ({
      ...state,
      connection: this.wasConnected ? 'reconnecting' : 'connecting',
      // A visitor's typing state cannot be trusted across a gap in the feed.
      visitorTyping: {},
    }));
  }

  private async reloadLists(): Promise<void> {
    const [open, closed] = await Promise.all([
      this.connection.request('conversation:list', { status: 'open' }),
      this.connection.request('conversation:list', { status: 'closed' }),
    ]);
    if (!open.ok || !closed.ok) {
      this.update((state) => ({ ...state, listsState: state.listsState === 'ready' ? 'ready' : 'failed' }));
      return;
    }
    const listed = [...open.data.conversations, ...closed.data.conversations];
    this.update((state) => ({
      ...state,
      listsState: 'ready',
      conversations: replaceConversations(
        state.conversations,
        listed,
        (id) => id === state.selectedId || id in state.logs,
      ),
    }));
    // Unread counts come from logs, so fetch those of open conversations with
    // activity the agent has not seen and whose log is not held yet.
    const { logs, viewedSeq } = this.store.get();
    const unseen = open.data.conversations.filter(
      (conversation) => !(conversation.id in logs) && conversation.lastSeq > (viewedSeq[conversation.id] ?? 0),
    );
    await Promise.all(unseen.map((conversation) => this.sync(conversation.id)));
  }

  /** Fetches a conversation's events after the last held seq, page by page. */
  private sync(conversationId: string): Promise<void> {
    const running = this.syncsInFlight.get(conversationId);
    if (running) {
      this.resyncRequested.add(conversationId);
      return running;
    }
    const run = this.runSync(conversationId).finally(() => {
      this.syncsInFlight.delete(conversationId);
      this.update((state) => ({ ...state, syncing: without(state.syncing, conversationId) }));
      if (this.resyncRequested.delete(conversationId)) void this.sync(conversationId);
    });
    this.syncsInFlight.set(conversationId, run);
    this.update((state) => ({ ...state, syncing: { ...state.syncing, [conversationId]: true } }));
    return run;
  }

  private async runSync(conversationId: string): Promise<void> {
    for (;;) {
      const afterSeq = lastSeqOf(this.store.get().logs[conversationId] ?? []);
      const result = await this.connection.request('conversation:sync', { conversationId, afterSeq });
      // A failed sync is retried on the next reconnect or the next gap.
      if (!result.ok) return;
      this.applySummary(result.data.conversation);
      this.applyEvents(conversationId, result.data.events, { resyncOnGap: false });
      const progressed = lastSeqOf(this.store.get().logs[conversationId] ?? []) > afterSeq;
      // Before the first page the log may not exist; an empty conversation still counts as held.
      this.update((state) =>
        conversationId in state.logs ? state : { ...state, logs: { ...state.logs, [conversationId]: [] } },
      );
      if (!result.data.hasMore || !progressed) return;
    }
  }

  private applySummary(conversation: ConversationSummary): void {
    this.update((state) => ({ ...state, conversations: upsertConversation(state.conversations, conversation) }));
  }

  private applyChange(event: ConversationEvent, conversation: ConversationSummary): void {
    this.applySummary(conversation);
    this.applyEvents(conversation.id, [event], { resyncOnGap: true });
  }

  private applyEvents(
    conversationId: string,
    events: readonly ConversationEvent[],
    { resyncOnGap }: { resyncOnGap: boolean },
  ): void {
    const held = this.store.get().logs[conversationId] ?? [];
    const { log, added, resyncAfterSeq } = mergeEvents(held, events);
    if (added.length > 0) {
      const confirmed = new Set(added.map((event) => (event.type === 'message' ? event.clientId : '')));
      const visitorSpoke = added.some((event) => event.type === 'message' && event.author.kind === 'visitor');
      this.update((state) => ({
        ...state,
        logs: { ...state.logs, [conversationId]: log },
        outbox: state.outbox.filter((message) => !confirmed.has(message.clientId)),
        visitorTyping: visitorSpoke ? without(state.visitorTyping, conversationId) : state.visitorTyping,
      }));
      if (this.store.get().selectedId === conversationId) this.markViewed(conversationId);
    }
    if (resyncAfterSeq !== null) {
      if (resyncOnGap) void this.sync(conversationId);
      else this.resyncRequested.add(conversationId);
    }
  }

  private markViewed(conversationId: string): void {
    const { logs, conversations, viewedSeq } = this.store.get();
    const seen = Math.max(lastSeqOf(logs[conversationId] ?? []), conversations[conversationId]?.lastSeq ?? 0);
    if ((viewedSeq[conversationId] ?? 0) >= seen) return;
    this.update((state) => ({ ...state, viewedSeq: { ...state.viewedSeq, [conversationId]: seen } }));
    this.options.onViewedChange?.(this.store.get().viewedSeq);
  }

  private async deliver(clientId: string): Promise<void> {
    const message = this.store.get().outbox.find((candidate) => candidate.clientId === clientId);
    if (!message) return;
    const attempt = (this.attempts.get(clientId) ?? 0) + 1;
    this.attempts.set(clientId, attempt);
    this.setOutgoingState(clientId, this.connection.connected ? 'sending' : 'queued');
    if (!this.connection.connected) return;
    const { conversationId, body } = message;
    const result = await this.connection.request('message:send', { conversationId, clientId, body });
    if (result.ok) {
      this.attempts.delete(clientId);
      this.applyChange(result.data.event, result.data.conversation);
      // The event normally clears the outbox entry; this covers a reply the log already held.
      this.update((state) => ({ ...state, outbox: state.outbox.filter((m) => m.clientId !== clientId) }));
      return;
    }
    if (this.attempts.get(clientId) !== attempt) return;
    this.setOutgoingState(clientId, isTransportError(result.error) ? 'queued' : 'failed');
  }

  private setOutgoingState(clientId: string, next: OutgoingMessage['state']): void {
    this.update((state) => ({
      ...state,
      outbox: state.outbox.map((message) => (message.clientId === clientId ? { ...message, state: next } : message)),
    }));
  }
}
