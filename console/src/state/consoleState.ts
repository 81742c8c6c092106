import type { ConversationStatus } from '@mostrador/shared';
import type { ConversationsById } from './conversations.ts';
import type { ConversationLog } from './log.ts';

/**
 * A reply the server has not yet confirmed. `queued` ones are resent, with the
 * same clientId, as soon as the socket is back; `failed` ones were refused and
 * wait for the agent to retry.
 */
export interface OutgoingMessage {
  clientId: string;
  conversationId: string;
  body: string;
  createdAt: number;
  state: 'sending' | 'queued' | 'failed';
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

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
  visitorTyping: Readonly<Record<string, true>>;
  outbox: readonly OutgoingMessage[];
  closing: Readonly<Record<string, 'pending' | 'failed'>>;
  tab: ConversationStatus;
  selectedId: string | null;
}

export const initialConsoleState: ConsoleState = {
  connection: 'connecting',
  listsState: 'loading',
  conversations: {},
  logs: {},
  syncing: {},
  viewedSeq: {},
  visitorTyping: {},
  outbox: [],
  closing: {},
  tab: 'open',
  selectedId: null,
};

/** A copy of `record` without `key`; the same object when the key is absent. */
export function without<Value>(record: Readonly<Record<string, Value>>, key: string): Readonly<Record<string, Value>> {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}
