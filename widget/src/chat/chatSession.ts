import type {
  AgentTypingChanged,
  ConversationEvent,
  SessionEstablished,
  VisitorConversation,
} from '@mostrador/shared';
import { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';
import { createStore, type Store } from '../util/store.ts';
import { TIMED_OUT, type VisitorTransport } from '../transport/visitorTransport.ts';
import { newClientId } from './clientId.ts';
import { contiguousSeq, hasGap, mergeEvents } from './conversationLog.ts';
import { createOutbox, type OutboxItem } from './outbox.ts';
import { createTypingReporter } from './typingReporter.ts';
import type { VisitorStorage } from './visitorStorage.ts';

/** Hide the agent's "typing…" if the server goes quiet for this long. */
export const AGENT_TYPING_TTL_MS = 6_000;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface ChatView {
  connection: ConnectionState;
  siteName: string | null;
  conversation: VisitorConversation | null;
  /** The server's log for `conversation`, ordered by seq. */
  events: readonly ConversationEvent[];
  /** Messages typed here and not yet in the log. */
  pending: readonly OutboxItem[];
  /** The name of the agent typing right now, if any. */
  agentTyping: string | null;
}

export interface ChatSessionOptions {
  transport: VisitorTransport;
  storage: VisitorStorage;
  /** Called once per agent message that arrives after the history first loads. */
  onAgentMessage?: () => void;
  createClientId?: () => string;
}

export type SendResult = 'queued' | 'empty' | 'too-long';

/** Checks a draft against the server's rules before it ever leaves the browser. */
export function checkDraft(draft: string): SendResult {
  const body = draft.trim();
  if (body === '') return 'empty';
  if (body.length > MAX_MESSAGE_CHARS) return 'too-long';
  return 'queued';
}

/**
 * The visitor's side of the protocol: identity, history sync, the outbox,
 * live facts and typing. Produces a `ChatView` for the UI; knows nothing of
 * the DOM or of Socket.IO.
 */
export class ChatSession {
  readonly view: Store<ChatView>;
  private readonly outbox;
  private readonly typing;
  /** True between `session:established` and the next disconnect. */
  private established = false;
  private historyLoaded = false;
  private retriedWithoutToken = false;
  private pumping = false;
  private pumpAgain = false;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: ChatSessionOptions) {
    this.outbox = createOutbox(options.storage);
    this.typing = createTypingReporter((typing) => {
      if (this.established) options.transport.notify('typing:set', { typing });
    });
    this.view = createStore<ChatView>({
      connection: 'connecting',
      siteName: null,
      conversation: null,
      events: [],
      pending: this.outbox.items,
      agentTyping: null,
    });
  }

  /** Subscribes to the server and opens the connection. */
  start(): void {
    const { transport } = this.options;
    transport.on('session:established', (session) => void this.onSessionEstablished(session));
    transport.on('message:created', ({ event, conversation }) => this.apply([event], conversation, true));
    transport.on('conversation:changed', ({ event, conversation }) => this.apply([event], conversation, true));
    transport.on('typing:changed', (change) => this.onAgentTyping(change));
    transport.onDisconnect(() => {
      const wasEstablished = this.established;
      this.established = false;
      this.setAgentTyping(null);
      if (wasEstablished) this.patch({ connection: 'reconnecting' });
    });
    transport.onConnectError((willRetry) => {
      // A refused handshake is most likely a token the server no longer knows
      // (e.g. its database was reset): start over as a new visitor, once.
      if (willRetry || this.retriedWithoutToken || !this.options.storage.read().token) return;
      this.retriedWithoutToken = true;
      this.options.storage.update({ token: undefined, conversationId: null });
      transport.connect();
    });
    transport.connect();
  }

  /** Queues a message and sends it as soon as the connection allows. */
  send(draft: string): SendResult {
    const result = checkDraft(draft);
    if (result !== 'queued') return result;
    const createClientId = this.options.createClientId ?? newClientId;
    this.outbox.add({ clientId: createClientId(), body: draft.trim(), createdAt: Date.now(), status: 'sending' });
    this.patch({ pending: this.outbox.items });
    this.typing.stop();
    void this.pumpOutbox();
    return result;
  }

  retry(clientId: string): void {
    this.outbox.markSending(clientId);
    this.patch({ pending: this.outbox.items });
    void this.pumpOutbox();
  }

  draftChanged(text: string): void {
    this.typing.input(text);
  }

  async closeConversation(): Promise<void> {
    const conversation = this.view.get().conversation;
    if (!conversation || conversation.status !== 'open' || !this.established) return;
    const outcome = await this.options.transport.request('conversation:close', { conversationId: conversation.id });
    if (outcome !== TIMED_OUT && outcome.ok) this.apply([outcome.data.event], outcome.data.conversation, true);
  }

  dispose(): void {
    clearTimeout(this.agentTypingTimer);
    this.typing.stop();
  }

  private patch(change: Partial<ChatView>): void {
    this.view.update((view) => ({ ...view, ...change }));
  }

  private async onSessionEstablished(session: SessionEstablished): Promise<void> {
    const { storage } = this.options;
    storage.update({ token: session.token, conversationId: session.conversation?.id ?? null });
    this.established = true;
    this.retriedWithoutToken = false;
    const current = this.view.get().conversation;
    // The server is the authority on which conversation is open: if it is not
    // the one shown, show its one (or an empty chat) from the start.
    const sameConversation = current !== null && current.id === session.conversation?.id;
    this.patch({
      connection: 'connected',
      siteName: session.site.name,
      conversation: session.conversation,
      events: sameConversation ? this.view.get().events : [],
    });
    await this.sync();
    this.historyLoaded = true;
    await this.pumpOutbox(true);
  }

  /** Loads the log after the last contiguous seq held, page by page; one sync at a time. */
  private sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        await this.syncPages();
      } while (this.syncAgain);
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async syncPages(): Promise<void> {
    for (;;) {
      const conversation = this.view.get().conversation;
      if (!conversation || !this.established) return;
      const afterSeq = contiguousSeq(this.view.get().events);
      const outcome = await this.options.transport.request('conversation:sync', {
        conversationId: conversation.id,
        afterSeq,
      });
      if (outcome === TIMED_OUT || !outcome.ok) return;
      if (this.view.get().conversation?.id !== conversation.id) return;
      this.apply(outcome.data.events, outcome.data.conversation, false);
      // Stop if the server claims more but gave nothing new: never spin.
      if (!outcome.data.hasMore || contiguousSeq(this.view.get().events) <= afterSeq) return;
    }
  }

  /**
   * Merges events into the log. `live` events (facts and acks) may reveal a
   * gap, which a sync then fills; sync pages never trigger another sync.
   */
  private apply(incoming: readonly ConversationEvent[], conversation: VisitorConversation, live: boolean): void {
    const view = this.view.get();
    let held = view.events;
    let current = view.conversation;
    if (current?.id !== conversation.id) {
      // A late fact about an older conversation must not replace the newer one.
      if (current && conversation.createdAt < current.createdAt) return;
      held = [];
      current = conversation;
      this.options.storage.update({ conversationId: conversation.id });
    } else if (current && conversation.lastSeq >= current.lastSeq) {
      current = conversation;
    }
    const { events, added } = mergeEvents(held, incoming.filter((e) => e.conversationId === conversation.id));

    const confirmed = new Set<string>();
    let agentMessages = 0;
    for (const event of added) {
      if (event.type !== 'message') continue;
      if (event.author.kind === 'visitor') confirmed.add(event.clientId);
      if (event.author.kind === 'agent') agentMessages += 1;
    }
    this.outbox.remove(confirmed);
    this.patch({ conversation: current, events, pending: this.outbox.items });

    if (agentMessages > 0) {
      this.setAgentTyping(null);
      if (this.historyLoaded) for (let i = 0; i < agentMessages; i += 1) this.options.onAgentMessage?.();
    }
    if (live && hasGap(events, current?.lastSeq)) void this.sync();
  }

  /** Sends the outbox one message at a time, oldest first, so the server stores them in order. */
  private async pumpOutbox(afterConnect = false): Promise<void> {
    if (this.pumping) {
      // A send from the previous connection may still be settling: resume once it has.
      if (afterConnect) this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    this.pumpAgain = false;
    try {
      for (let item = this.outbox.next(); item && this.established; item = this.outbox.next()) {
        const { clientId, body } = item;
        const outcome = await this.options.transport.request('message:send', { clientId, body });
        // No answer: keep it pending; the next connection (or send) tries again.
        if (outcome === TIMED_OUT) return;
        if (outcome.ok) {
          this.outbox.remove(new Set([clientId]));
          this.apply([outcome.data.event], outcome.data.conversation, true);
        } else {
          this.outbox.markFailed(clientId, outcome.error.message);
          this.patch({ pending: this.outbox.items });
        }
      }
    } finally {
      this.pumping = false;
      if (this.pumpAgain) void this.pumpOutbox();
    }
  }

  private onAgentTyping(change: AgentTypingChanged): void {
    if (change.conversationId !== this.view.get().conversation?.id) return;
    this.setAgentTyping(change.typing ? change.name : null);
  }

  private setAgentTyping(name: string | null): void {
    clearTimeout(this.agentTypingTimer);
    this.agentTypingTimer = name ? setTimeout(() => this.setAgentTyping(null), AGENT_TYPING_TTL_MS) : undefined;
    if (this.view.get().agentTyping !== name) this.patch({ agentTyping: name });
  }
}
