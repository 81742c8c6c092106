import type {
  AgentReadChanged,
  AttachmentInfo,
  AgentTypingChanged,
  QueueUpdated,
  SessionEstablished,
  VisitorConversation,
  VisitorEvent,
} from '@mostrador/shared';
import { maskCardNumbers } from '@mostrador/shared/cardMask';
import { createStore, type Store } from '../util/store.ts';
import { TIMED_OUT, type VisitorTransport } from '../transport/visitorTransport.ts';
import { newClientId } from './clientId.ts';
import { hasGap, mergeEvents } from './conversationLog.ts';
import { createDepartmentChoice, departmentOf } from './departmentChoice.ts';
import { createEndOfChat } from './endOfChat.ts';
import { createHistorySync } from './historySync.ts';
import { checkDraft, type SendResult } from './draft.ts';
import { createOriginRefusal } from './originRefusal.ts';
import { createOutbox } from './outbox.ts';
import { createReadReporter } from './readReporter.ts';
import { createTypingReporter } from './typingReporter.ts';
import type { VisitorStorage } from './visitorStorage.ts';
import type { ChatView, Invitation } from './chatView.ts';

export type { ChatView, ConnectionState, EarlierThread, Ending, Invitation } from './chatView.ts';
export type { SendResult } from './draft.ts';

/** Hide the agent's "typing…" if the server goes quiet for this long. */
export const AGENT_TYPING_TTL_MS = 6_000;

export interface ChatSessionOptions {
  transport: VisitorTransport;
  storage: VisitorStorage;
  /** Called once per agent message that arrives after the history first loads. */
  onAgentMessage?: () => void;
  /** An agent (or a trigger) started a conversation with the visitor: the widget opens with its message. */
  onInvitation?: () => void;
  /** The server refused this page's origin (on every refusal: the caller warns once). */
  onUnavailable?: () => void;
  createClientId?: () => string;
}

/**
 * The visitor's side of the protocol: identity, history sync, the outbox,
 * live facts and typing. Produces a `ChatView` for the UI; knows nothing of
 * the DOM or of Socket.IO.
 */
export class ChatSession {
  readonly view: Store<ChatView>;
  /** The rating and NPS questions, and the earlier conversations above the current one. */
  readonly endOfChat;
  readonly #outbox;
  readonly #typing;
  readonly #departments;
  readonly #refusal;
  readonly #reads;
  /** True between `session:established` and the next disconnect. */
  #established = false;
  #historyLoaded = false;
  #retriedWithoutToken = false;
  #pumping = false;
  #pumpAgain = false;
  readonly #sync: () => Promise<void>;
  #agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  /** The outbox's next try after the server said "slow down". */
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the site lets the draft itself travel (typing preview), from the session. */
  #typingPreview = false;
  #drafting = false;

  readonly #options: ChatSessionOptions;

  constructor(options: ChatSessionOptions) {
    this.#options = options;
    this.#outbox = createOutbox(options.storage);
    this.#typing = createTypingReporter(
      (typing, draft) => {
        if (this.#established) options.transport.notify('typing:set', draft === undefined ? { typing } : { typing, draft });
      },
      () => this.#typingPreview,
    );
    this.#reads = createReadReporter((conversationId, seq) => {
      if (this.#established) options.transport.notify('read:mark', { conversationId, seq });
    });
    this.#refusal = createOriginRefusal(options.transport, () => {
      this.#patch({ connection: 'unavailable' });
      options.onUnavailable?.();
    });
    this.#departments = createDepartmentChoice(options.storage, (department) => this.#patch({ department }));
    this.#sync = createHistorySync({
      transport: options.transport,
      conversationId: () => (this.#established ? (this.view.get().conversation?.id ?? null) : null),
      events: () => this.view.get().events,
      apply: (events, conversation) => this.#apply(events, conversation, false),
    });
    this.view = createStore<ChatView>({
      connection: 'connecting',
      siteName: null,
      departments: [],
      department: departmentOf(options.storage.read()),
      conversation: null,
      events: [],
      pending: this.#outbox.items,
      agentTyping: null,
      invitation: null,
    });
    this.endOfChat = createEndOfChat(options.transport, this.view);
  }

  /** Whether the composer holds text: no trigger interrupts a visitor who is typing. */
  get drafting(): boolean {
    return this.#drafting;
  }

  /** Subscribes to the server and opens the connection. */
  start(): void {
    const { transport } = this.#options;
    transport.on('session:established', (session) => void this.#onSessionEstablished(session));
    transport.on('message:created', ({ event, conversation }) => this.#apply([event], conversation, true));
    transport.on('conversation:changed', ({ event, conversation }) => this.#apply([event], conversation, true));
    transport.on('typing:changed', (change) => this.#onAgentTyping(change));
    transport.on('queue:updated', (update) => this.#onQueueUpdated(update));
    transport.on('agents:changed', ({ onlineAgents }) => this.#patch({ onlineAgents }));
    // An admin edited the hours: the closed state and "back at" follow at once.
    transport.on('hours:changed', ({ hours }) => this.#patch({ hours }));
    // An admin saved a new look: title, greeting, theme and sound follow without a reload.
    transport.on('branding:changed', ({ branding }) => this.#patch({ branding }));
    transport.on('contact:changed', ({ contact }) => this.#patch({ contact }));
    transport.on('read:marked', (mark) => this.#onAgentRead(mark));
    transport.onDisconnect(() => {
      const wasEstablished = this.#established;
      this.#established = false;
      this.#setAgentTyping(null);
      if (wasEstablished) this.#patch({ connection: 'reconnecting' });
    });
    transport.onConnectError((willRetry, reason, retryAfterMs) => {
      if (this.#refusal.handle(reason)) return;
      // Too many new visitors from this address: try again when the server says.
      if (retryAfterMs) return void setTimeout(() => transport.connect(), retryAfterMs);
      // A refused handshake is most likely a token the server no longer knows
      // (e.g. its database was reset): start over as a new visitor, once.
      if (willRetry || this.#retriedWithoutToken || !this.#options.storage.read().token) return;
      this.#retriedWithoutToken = true;
      this.#options.storage.update({ token: undefined, conversationId: null });
      transport.connect();
    });
    transport.connect();
  }

  /** Queues a message (words, uploaded files, or both) and sends it as soon as the connection allows. */
  send(draft: string, files: readonly AttachmentInfo[] = []): SendResult {
    const result = checkDraft(draft, files.length > 0);
    if (result !== 'queued') return result;
    const createClientId = this.#options.createClientId ?? newClientId;
    // Card numbers never leave the page, in a message as in a draft. A reply to an invitation carries its firing id.
    const body = maskCardNumbers(draft.trim());
    const trigger = this.view.get().invitation?.firingId;
    const attachments = files.length > 0 ? [...files] : undefined;
    this.#outbox.add({ clientId: createClientId(), body, createdAt: Date.now(), status: 'sending', trigger, attachments });
    this.#patch({ pending: this.#outbox.items });
    this.#typing.stop();
    this.#drafting = false;
    void this.#pumpOutbox();
    return result;
  }

  retry(clientId: string): void {
    this.#outbox.markSending(clientId);
    this.#patch({ pending: this.#outbox.items });
    void this.#pumpOutbox();
  }

  setDepartment(slug: string | null): void {
    this.#departments.setByShop(slug);
  }

  /** The offline form: keeps the contact once the server has stored it. */
  async saveContact(contact: { email: string; name?: string }): Promise<void> {
    const outcome = await this.#options.transport.request('visitor:contact', contact);
    if (outcome !== TIMED_OUT && outcome.ok) this.#patch({ contact: outcome.data });
  }

  /** "Email me this conversation", once it has ended: the address it went to, or null when it did not go. */
  async emailTranscript(email?: string): Promise<string | null> {
    const conversation = this.view.get().conversation;
    if (!conversation) return null;
    const outcome = await this.#options.transport.request('transcript:email', {
      conversationId: conversation.id,
      ...(email ? { email } : {}),
    });
    return outcome !== TIMED_OUT && outcome.ok ? outcome.data.email : null;
  }

  pickDepartment(slug: string): void {
    this.#departments.pick(slug);
  }

  draftChanged(text: string): void {
    this.#drafting = text.trim() !== '';
    this.#typing.input(text);
  }

  /** Shows a trigger's invitation (or takes it away, with null). */
  invite(invitation: Invitation | null): void {
    this.#patch({ invitation });
  }

  /** The visitor now sees the invitation in the panel: it is a teaser no more, and the server counts it opened. */
  invitationSeen(): void {
    const { invitation } = this.view.get();
    if (!invitation?.teaser) return;
    this.#patch({ invitation: { ...invitation, teaser: false } });
    this.#options.transport.notify('trigger:opened', { firingId: invitation.firingId });
  }

  async closeConversation(): Promise<void> {
    const conversation = this.view.get().conversation;
    if (!conversation || conversation.status !== 'open' || !this.#established) return;
    const outcome = await this.#options.transport.request('conversation:close', { conversationId: conversation.id });
    if (outcome !== TIMED_OUT && outcome.ok) this.#apply([outcome.data.event], outcome.data.conversation, true);
  }

  /**
   * The visitor is looking at the open panel: the last agent message shown
   * is seen. Cheap to call on every redraw; the reporter folds the marks.
   */
  markSeen(): void {
    const { conversation, events } = this.view.get();
    if (!conversation || !this.#established) return;
    for (let i = events.length - 1; i >= 0; i -= 1) {
      const event = events[i]!;
      if (event.type === 'message' && event.author.kind === 'agent') return this.#reads.seen(conversation.id, event.seq);
    }
  }

  dispose(): void {
    this.#reads.dispose();
    this.#refusal.stop();
    clearTimeout(this.#agentTypingTimer);
    clearTimeout(this.#retryTimer);
    this.#typing.stop();
  }

  #patch(change: Partial<ChatView>): void {
    this.view.update((view) => ({ ...view, ...change }));
  }

  #rememberConversation(conversationId: string | null): void {
    this.#options.storage.update({ conversationId });
    if (conversationId) this.#departments.conversationOpened();
  }

  async #onSessionEstablished(session: SessionEstablished): Promise<void> {
    this.#options.storage.update({ token: session.token });
    this.#rememberConversation(session.conversation?.id ?? null);
    this.#established = true;
    this.#retriedWithoutToken = false;
    this.#typingPreview = session.site.typingPreview;
    const current = this.view.get().conversation;
    // The server is the authority on which conversation is open: if it is not
    // the one shown, show its one (or an empty chat) from the start.
    const sameConversation = current !== null && current.id === session.conversation?.id;
    if (!sameConversation) this.endOfChat.keep(current, this.view.get().events);
    this.#reads.reset();
    this.#patch({
      feedback: session.site.feedback,
      earlierMore: session.hasEarlier ?? false,
      agentReadSeq: Math.max(sameConversation ? (this.view.get().agentReadSeq ?? 0) : 0, session.conversation?.agentReadSeq ?? 0),
      connection: 'connected',
      siteName: session.site.name,
      departments: session.site.departments,
      hours: session.site.hours,
      onlineAgents: session.site.onlineAgents,
      branding: session.site.branding,
      contact: session.contact ?? null,
      preChat: session.site.preChat,
      attachments: session.site.attachments ?? null,
      conversation: session.conversation,
      events: sameConversation ? this.view.get().events : [],
    });
    await this.#sync();
    this.#historyLoaded = true;
    await this.#pumpOutbox(true);
  }

  /**
   * Merges events into the log. `live` events (facts and acks) may reveal a
   * gap, which a sync then fills; sync pages never trigger another sync.
   */
  #apply(incoming: readonly VisitorEvent[], conversation: VisitorConversation, live: boolean): void {
    const view = this.view.get();
    let held = view.events;
    let current = view.conversation;
    // A read mark only moves forward, whichever of a fact, an ack or a sync page brings it.
    let agentReadSeq = Math.max(view.agentReadSeq ?? 0, conversation.agentReadSeq ?? 0);
    if (current?.id !== conversation.id) {
      agentReadSeq = conversation.agentReadSeq ?? 0;
      // A late fact about an older conversation must not replace the newer one.
      if (current && conversation.createdAt < current.createdAt) return;
      this.endOfChat.keep(current, held);
      held = [];
      current = conversation;
      this.#rememberConversation(conversation.id);
    } else if (current && conversation.lastSeq >= current.lastSeq) {
      if (live && current.status !== conversation.status) this.endOfChat.ended(conversation);
      current = conversation;
    }
    const { events, added } = mergeEvents(
      held,
      incoming.filter((e) => e.conversationId === conversation.id),
    );

    const confirmed = new Set<string>();
    let agentMessages = 0;
    for (const event of added) {
      if (event.type !== 'message') continue;
      if (event.author.kind === 'visitor') confirmed.add(event.clientId);
      if (event.author.kind === 'agent') agentMessages += 1;
    }
    this.#outbox.remove(confirmed);
    this.#patch({
      conversation: current,
      events,
      agentReadSeq,
      pending: this.#outbox.items,
      // Once the open conversation's log is here from its start, the invitation is in it (or was never its opening).
      invitation: current?.status === 'open' && events[0]?.seq === 1 ? null : view.invitation,
    });

    if (agentMessages > 0) {
      this.#setAgentTyping(null);
      // The first agent message of a conversation the visitor did not start: an invitation.
      const invited = live && current && current.origin !== 'visitor' && held.every((e) => e.type !== 'message');
      if (invited) this.#options.onInvitation?.();
      if (this.#historyLoaded) for (let i = 0; i < agentMessages; i += 1) this.#options.onAgentMessage?.();
    }
    if (live && hasGap(events, current?.lastSeq)) void this.#sync();
  }

  /** Sends the outbox one message at a time, oldest first, so the server stores them in order. */
  async #pumpOutbox(afterConnect = false): Promise<void> {
    if (this.#pumping) {
      // A send from the previous connection may still be settling: resume once it has.
      if (afterConnect) this.#pumpAgain = true;
      return;
    }
    this.#pumping = true;
    this.#pumpAgain = false;
    try {
      for (let item = this.#outbox.next(); item && this.#established; item = this.#outbox.next()) {
        const { clientId, body, trigger, attachments } = item;
        const { conversation, department } = this.view.get();
        // The server reads the department and the trigger only when the message opens a conversation.
        const open = conversation?.status === 'open';
        const outcome = await this.#options.transport.request('message:send', {
          clientId,
          body,
          attachments: attachments?.map((file) => file.id),
          department: open ? undefined : (department ?? undefined),
          trigger: open ? undefined : trigger,
        });
        // No answer: keep it pending; the next connection (or send) tries again.
        if (outcome === TIMED_OUT) return;
        if (outcome.ok) {
          this.#outbox.remove(new Set([clientId]));
          if (this.view.get().throttled) this.#patch({ throttled: false });
          this.#apply([outcome.data.event], outcome.data.conversation, true);
        } else if (outcome.error.code === 'rate_limited') {
          // Over the server's budget: the message stays queued, the shopper is told, and it goes when the server says.
          this.#patch({ throttled: true });
          clearTimeout(this.#retryTimer);
          this.#retryTimer = setTimeout(() => void this.#pumpOutbox(), outcome.error.retryAfterMs ?? 1000);
          return;
        } else {
          this.#outbox.markFailed(clientId, outcome.error.message);
          this.#patch({ pending: this.#outbox.items });
        }
      }
    } finally {
      this.#pumping = false;
      if (this.#pumpAgain) void this.#pumpOutbox();
    }
  }

  #onAgentRead({ conversationId, agentReadSeq }: AgentReadChanged): void {
    const view = this.view.get();
    if (conversationId === view.conversation?.id && agentReadSeq > (view.agentReadSeq ?? 0)) this.#patch({ agentReadSeq });
  }

  #onAgentTyping(change: AgentTypingChanged): void {
    if (change.conversationId !== this.view.get().conversation?.id) return;
    this.#setAgentTyping(change.typing ? change.name : null);
  }

  /** Where the visitor waits; the latest news wins, whether this fact or a conversation in an ack or sync. */
  #onQueueUpdated({ conversationId, queue }: QueueUpdated): void {
    const conversation = this.view.get().conversation;
    if (conversation?.id === conversationId) this.#patch({ conversation: { ...conversation, queue } });
  }

  #setAgentTyping(name: string | null): void {
    clearTimeout(this.#agentTypingTimer);
    this.#agentTypingTimer = name ? setTimeout(() => this.#setAgentTyping(null), AGENT_TYPING_TTL_MS) : undefined;
    if (this.view.get().agentTyping !== name) this.#patch({ agentTyping: name });
  }
}
