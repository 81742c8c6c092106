import type {
  AgentAvailability,
  AgentRef,
  AttachmentInfo,
  AgentSummary,
  Department,
  InboxView,
  ProductCard,
  VisitorProfile,
} from '@mostrador/shared';
import type { ConversationsById } from './conversations.ts';
import type { ConversationLog } from './log.ts';
import { noPanes, type Panes } from './panes.ts';

/**
 * A reply the server has not yet confirmed. `queued` ones are resent, with the
 * same clientId, as soon as the socket is back; `failed` ones were refused and
 * wait for the agent to retry.
 */
export interface OutgoingMessage {
  clientId: string;
  conversationId: string;
  body: string;
  /** The agent's "don't email": never mailed to a shopper who is away. */
  noEmail?: boolean;
  /** Files already uploaded, sent with the reply (by id). */
  attachments?: AttachmentInfo[];
  /** The product card picked for the reply, shown while it goes (the server sends its own, from the trail). */
  product?: ProductCard;
  createdAt: number;
  state: 'sending' | 'queued' | 'failed';
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export type PaneActionKind = 'take' | 'transfer' | 'invite' | 'leave' | 'close' | 'state';

/** A pane command under way, or the server's reason for refusing the last one. */
export type PaneActionState = { kind: PaneActionKind; state: 'pending' } | { kind: PaneActionKind; state: 'failed'; message: string };

/** What the side panel knows of a visitor followed for an open pane. */
export type FollowedVisitor = { phase: 'loading' } | { phase: 'failed' } | { phase: 'ready'; profile: VisitorProfile };

export interface TeamState {
  agents: readonly AgentSummary[];
  departments: readonly Department[];
}

export interface ConsoleState {
  connection: ConnectionState;
  listsState: 'loading' | 'ready' | 'failed';
  conversations: ConversationsById;
  /** Logs held so far, by conversation id; a conversation without one has not been synced. */
  logs: Readonly<Record<string, ConversationLog>>;
  /** Conversations with a sync under way, to tell "loading" from "empty". */
  syncing: Readonly<Record<string, true>>;
  /** The last seq the agent has had on screen, by conversation id. */
  viewedSeq: Readonly<Record<string, number>>;
  /** Read receipts told live: the highest seq the visitor has seen, by conversation id (summaries carry it too). */
  visitorReadSeq: Readonly<Record<string, number>>;
  visitorTyping: Readonly<Record<string, true>>;
  /** What the visitor is typing and has not sent (typing preview), by conversation id; never empty. */
  visitorDrafts: Readonly<Record<string, string>>;
  /** Colleagues typing a reply, by conversation id then agent id. */
  colleagueTyping: Readonly<Record<string, Readonly<Record<string, AgentRef>>>>;
  outbox: readonly OutgoingMessage[];
  actions: Readonly<Record<string, PaneActionState>>;
  view: InboxView;
  panes: Panes;
  team: TeamState;
  /** The visitors of open panes, by visitor id. */
  visitors: Readonly<Record<string, FollowedVisitor>>;
  /** What the agent chose; shown as offline while disconnected. */
  presence: AgentAvailability;
}

export const initialConsoleState: ConsoleState = {
  connection: 'connecting',
  listsState: 'loading',
  conversations: {},
  logs: {},
  syncing: {},
  viewedSeq: {},
  visitorReadSeq: {},
  visitorTyping: {},
  visitorDrafts: {},
  colleagueTyping: {},
  outbox: [],
  actions: {},
  view: 'mine',
  panes: noPanes,
  team: { agents: [], departments: [] },
  visitors: {},
  presence: 'online',
};

/** A copy of `record` without `key`; the same object when the key is absent. */
export function without<Value>(record: Readonly<Record<string, Value>>, key: string): Readonly<Record<string, Value>> {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}
