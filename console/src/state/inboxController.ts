import type { AgentAvailability, AgentConversationChanged, AttachmentInfo, InboxView, ProductCard } from '@mostrador/shared';
import type { AgentConnection } from '../api/agentConnection.ts';
import { messageAlert, type Alert } from './alerts.ts';
import { newClientId } from './clientId.ts';
import { initialConsoleState, without, type ConsoleState } from './consoleState.ts';
import type { ControllerContext } from './controllerContext.ts';
import { dropConversations } from './erasure.ts';
import { ListSync } from './listSync.ts';
import { LogSync } from './logSync.ts';
import { Outbox } from './outbox.ts';
import { PaneActions } from './paneActions.ts';
import { closePane, focusedPane, focusPane, openPane, stepTarget } from './panes.ts';
import { ReadMarks } from './readMarks.ts';
import { QueueReminders } from './reminders.ts';
import { startChatFailure, type StartChatOutcome } from './startChat.ts';
import { createStore, type Store } from './store.ts';
import { TeamSync } from './teamSync.ts';
import { ToolboxActions } from './toolboxActions.ts';
import { applyTyping } from './typing.ts';
import { VisitorFollows } from './visitorFollows.ts';
import { conversationsInView, isQueuedForMe, type Me } from './views.ts';
import { productSearchOf } from '../api/productSearch.ts';

export interface InboxControllerOptions {
  connection: AgentConnection;
  me: Me;
  /** Called once when the server refuses the session; the app returns to the login screen. */
  onSessionEnded: () => void;
  viewedSeqs?: Record<string, number>;
  onViewedChange?: (viewed: Readonly<Record<string, number>>) => void;
  /** New queued conversations, their reminders, and visitor messages. */
  onAlert?: (alert: Alert) => void;
  /** Whether the console is in front of the agent (the page is visible): only then does a read receipt go to the visitor. */
  pageVisible?: () => boolean;
}

/**
 * Keeps the inbox in step with the server and holds what the agent has open.
 * The work is done by its parts: ListSync (views and summaries), LogSync
 * (logs and resyncs), Outbox (replies), PaneActions (take, transfer, …),
 * TeamSync (colleagues and presence), VisitorFollows (the side panels'
 * visitor profiles) and QueueReminders.
 */
export class InboxController {
  readonly store: Store<ConsoleState>;
  readonly actions: PaneActions;
  /** Private notes and tags. */
  readonly toolbox: ToolboxActions;
  private readonly context: ControllerContext;
  private readonly lists: ListSync;
  private readonly logs: LogSync;
  private readonly outbox: Outbox;
  private readonly team: TeamSync;
  private readonly visitors: VisitorFollows;
  private readonly reminders: QueueReminders;
  private readonly readMarks: ReadMarks;
  private readonly unsubscribers: Array<() => void> = [];
  private wasConnected = false;

  constructor(private readonly options: InboxControllerOptions) {
    const { connection, me } = options;
    this.store = createStore<ConsoleState>({ ...initialConsoleState, viewedSeq: options.viewedSeqs ?? {} });
    this.context = { store: this.store, connection, me };
    const alert = (payload: Alert) => options.onAlert?.(payload);
    this.lists = new ListSync(this.context, alert);
    this.readMarks = new ReadMarks(this.context);
    const pageVisible = options.pageVisible ?? (() => true);
    this.logs = new LogSync(
      this.context,
      (summary) => this.lists.applySummary(summary, { fromFact: false }),
      options.onViewedChange,
      (conversationId, seq) => {
        if (pageVisible()) this.readMarks.seen(conversationId, seq);
      },
    );
    this.outbox = new Outbox(this.context, (event, conversation) => this.applyChanged({ event, conversation }, false));
    this.actions = new PaneActions(this.context, (changed) => this.applyChanged(changed, false));
    this.toolbox = new ToolboxActions(
      this.context,
      (changed) => this.applyChanged(changed, false),
      (summary) => this.lists.applySummary(summary, { fromFact: false }),
    );
    this.team = new TeamSync(this.context);
    this.visitors = new VisitorFollows(this.context);
    this.reminders = new QueueReminders((id) => {
      const conversation = this.store.get().conversations[id];
      if (conversation && isQueuedForMe(conversation, me)) alert({ kind: 'queued', conversation, reminder: true });
    });
    this.unsubscribers.push(
      connection.onStatus((status) => {
        if (status === 'connected') void this.onConnected();
        else if (status === 'unauthorized') options.onSessionEnded();
        else this.onDisconnected();
      }),
      connection.on('conversation:created', ({ conversation }) => this.lists.applySummary(conversation, { fromFact: true })),
      connection.on('message:created', (changed) => this.applyChanged(changed, true)),
      connection.on('conversation:changed', (changed) => this.applyChanged(changed, true)),
      connection.on('typing:changed', (change) => this.store.update((state) => applyTyping(state, change, me.id))),
      connection.on('presence:changed', ({ agent }) => this.team.applyAgent(agent)),
      connection.on('visitor:changed', ({ profile }) => this.visitors.applyProfile(profile)),
      connection.on('conversation:retagged', ({ conversation }) => this.lists.applySummary(conversation, { fromFact: true })),
      connection.on('conversation:updated', ({ conversation }) => this.lists.applySummary(conversation, { fromFact: true })),
      connection.on('mention:created', (mention) => alert({ kind: 'mention', ...mention })),
      connection.on('conversation:rated', ({ conversation }) => this.lists.applySummary(conversation, { fromFact: true })),
      connection.on('rating:low', (low) => alert({ kind: 'lowRating', ...low })),
      connection.on('read:marked', ({ conversationId, visitorReadSeq }) =>
        this.store.update((state) =>
          (state.visitorReadSeq[conversationId] ?? 0) >= visitorReadSeq
            ? state
            : { ...state, visitorReadSeq: { ...state.visitorReadSeq, [conversationId]: visitorReadSeq } },
        ),
      ),
      connection.on('conversations:erased', ({ conversationIds }) =>
        this.store.update((state) => dropConversations(state, conversationIds)),
      ),
      this.store.subscribe(() => {
        this.trackQueue();
        this.visitors.track();
      }),
    );
    if (connection.connected) void this.onConnected();
  }

  get me(): Me {
    return this.options.me;
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.reminders.stop();
    this.readMarks.stop();
    this.options.connection.close();
  }

  selectView(view: InboxView): void {
    this.store.update((state) => ({ ...state, view }));
  }

  /** Opens a conversation as a pane (replacing the least recently focused past three) and focuses it. */
  open(conversationId: string): void {
    this.store.update((state) => ({ ...state, panes: openPane(state.panes, conversationId) }));
    this.afterFocus(conversationId);
  }

  focus(conversationId: string): void {
    if (focusedPane(this.store.get().panes) === conversationId) return;
    this.store.update((state) => ({ ...state, panes: focusPane(state.panes, conversationId) }));
    this.afterFocus(conversationId);
  }

  /** The console came back in front of the agent: what the focused pane shows is read now. */
  pageShown(): void {
    const focused = focusedPane(this.store.get().panes);
    if (focused) this.logs.markViewed(focused);
  }

  closePane(conversationId: string): void {
    this.store.update((state) => ({
      ...state,
      panes: closePane(state.panes, conversationId),
      actions: without(state.actions, conversationId),
    }));
    const next = focusedPane(this.store.get().panes);
    if (next) this.logs.markViewed(next);
  }

  /** Alt+↑ (-1) / Alt+↓ (+1): to the neighbouring pane, or past the last one along the visible list. */
  moveFocus(step: -1 | 1): string | null {
    const { conversations, view, panes } = this.store.get();
    const listIds = conversationsInView(conversations, view, this.me).map((conversation) => conversation.id);
    const target = stepTarget(panes, listIds, step);
    if (target !== null) this.open(target);
    return target;
  }

  send(conversationId: string, body: string, noEmail = false, files: AttachmentInfo[] = [], product: ProductCard | null = null): void {
    this.outbox.send(conversationId, body, noEmail, files, product);
  }

  retry(clientId: string): void {
    this.outbox.retry(clientId);
  }

  setTyping(conversationId: string, typing: boolean): void {
    // Typing hints are worth nothing late, so one lost while offline is dropped.
    if (this.options.connection.connected) {
      void this.options.connection.request('typing:set', { conversationId, typing });
    }
  }

  setPresence(status: AgentAvailability): Promise<void> {
    return this.team.setPresence(status);
  }

  /**
   * A proactive chat: the agent's message opens a conversation with a visitor
   * on the site. On success it is held like any other and opened as a pane.
   */
  async startConversation(visitorId: string, body: string): Promise<StartChatOutcome> {
    const result = await this.options.connection.request('conversation:start', { visitorId, clientId: newClientId(), body });
    if (!result.ok) return { ok: false, reason: startChatFailure(result.error) };
    const { event, conversation } = result.data;
    this.applyChanged({ event, conversation }, false);
    this.open(conversation.id);
    return { ok: true, conversationId: conversation.id };
  }

  /** The site's products by name or SKU (any shopper's pages), for a card the shopper has not viewed; none when refused or offline. */
  searchProducts(query: string): Promise<readonly ProductCard[]> {
    return productSearchOf(() => this.options.connection)(query);
  }

  /** Asks again for a side panel's visitor after the server refused. */
  retryVisitor(visitorId: string): void {
    this.visitors.retry(visitorId);
  }

  /** Fresh colleagues' status and load, before a transfer or invitation. */
  loadTeam(): Promise<void> {
    return this.team.load();
  }

  private afterFocus(conversationId: string): void {
    this.logs.markViewed(conversationId);
    if (!(conversationId in this.store.get().logs)) void this.logs.sync(conversationId);
  }

  private applyChanged({ event, conversation }: AgentConversationChanged, fromFact: boolean): void {
    if (!this.lists.applySummary(conversation, { fromFact })) return;
    this.logs.applyEvents(conversation.id, [event], { resyncOnGap: true });
    if (!fromFact) return;
    const { panes } = this.store.get();
    const held = this.store.get().conversations[conversation.id] ?? conversation;
    const alert = messageAlert(event, held, this.me, panes.open, focusedPane(panes));
    if (alert) this.options.onAlert?.(alert);
  }

  private trackQueue(): void {
    const { conversations } = this.store.get();
    const queued = Object.values(conversations).filter((conversation) => isQueuedForMe(conversation, this.me));
    this.reminders.track(queued.map((conversation) => conversation.id));
  }

  private async onConnected(): Promise<void> {
    this.wasConnected = true;
    this.store.update((state) => ({ ...state, connection: 'connected' }));
    // Anything may have happened while away: new conversations, messages,
    // transfers, closes. Lists first, then held logs, then what is unsent.
    await this.lists.reload();
    void this.team.load();
    void this.team.restorePresence();
    void this.visitors.followAgain();
    // Only logs already held are synced: unread counts of the others come from
    // their summaries, so an inbox of 1,000 chats does not fetch 1,000 histories.
    await this.logs.syncHeld();
    await this.outbox.resendUnsent();
    await this.readMarks.flush();
  }

  private onDisconnected(): void {
    this.store.update((state) => ({
      ...state,
      connection: this.wasConnected ? 'reconnecting' : 'connecting',
      // Typing states cannot be trusted across a gap in the feed.
      visitorTyping: {},
      visitorDrafts: {},
      colleagueTyping: {},
    }));
  }
}
