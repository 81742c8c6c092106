import type { SessionEstablished, VisitorConversation } from '@mostrador/shared';
import { createOriginRefusal } from '../chat/originRefusal.ts';
import type { VisitorStorage } from '../chat/visitorStorage.ts';
import type { VisitorTransport } from '../transport/visitorTransport.ts';

export interface SessionKeeperOptions {
  transport: VisitorTransport;
  storage: VisitorStorage;
  /** An agent's message arrived (as a live fact, in this tab). */
  onAgentMessage(conversation: VisitorConversation, seq: number): void;
  /** The server refused this page's origin, while the chat is not loaded yet. */
  onUnavailable(): void;
}

export interface SessionKeeper {
  /**
   * The transport for the chat, which starts late (with the panel chunk):
   * a session established before it listened is told to it at once.
   */
  readonly transport: VisitorTransport;
  /** Whether the visitor has an open conversation, as the server last said. */
  chatting(): boolean;
  /** The chat has started: from now on it keeps the connection's state (refusals, tokens). */
  handOver(): void;
}

/**
 * What must happen on the connection before the visitor opens the chat:
 * keep the visitor token (so the next page is the same visitor), start over
 * once as a new visitor if the server no longer knows the token, say when
 * the page's origin is refused, and hear agents' messages for the badge.
 * ChatSession does the same once it runs (but the badge's count, shared
 * with other tabs, stays here); until then this small part does.
 */
export function keepSession({ transport, storage, onAgentMessage, onUnavailable }: SessionKeeperOptions): SessionKeeper {
  let session: SessionEstablished | null = null;
  /** The last failed handshake, until one succeeds: a refusal the chat must hear about when it starts. */
  let failure: [willRetry: boolean, reason: string] | null = null;
  let connectAsked = false;
  let open = false;
  let handedOver = false;
  let retriedWithoutToken = false;
  const refusal = createOriginRefusal(transport, onUnavailable);

  /** The session the late chat is told of carries the conversation as it is now, not as it was at the greeting. */
  const heard = (conversation: VisitorConversation) => {
    const known = session?.conversation;
    if (known && known.id !== conversation.id && conversation.createdAt < known.createdAt) return;
    open = conversation.status === 'open';
    if (session) session = { ...session, conversation };
  };
  transport.on('session:established', (established) => {
    session = established;
    failure = null;
    retriedWithoutToken = false;
    open = established.conversation?.status === 'open';
    if (!handedOver) storage.update({ token: established.token, conversationId: established.conversation?.id ?? null });
  });
  transport.on('conversation:changed', ({ conversation }) => heard(conversation));
  transport.on('message:created', ({ event, conversation }) => {
    heard(conversation);
    if (event.type === 'message' && event.author.kind === 'agent') onAgentMessage(conversation, event.seq);
  });
  transport.onDisconnect(() => {
    session = null;
  });
  transport.onConnectError((willRetry, reason) => {
    failure = [willRetry, reason];
    if (handedOver || refusal.handle(reason)) return;
    if (willRetry || retriedWithoutToken || !storage.read().token) return;
    retriedWithoutToken = true;
    storage.update({ token: undefined, conversationId: null });
    transport.connect();
  });

  const late: VisitorTransport = {
    get connected() {
      return transport.connected;
    },
    on(event, listener) {
      transport.on(event, listener);
      if (event === 'session:established' && session) (listener as (s: SessionEstablished) => void)(session);
    },
    onDisconnect: (listener) => transport.onDisconnect(listener),
    onConnectError(listener) {
      transport.onConnectError(listener);
      if (failure) listener(...failure);
    },
    request: (event, payload) => transport.request(event, payload),
    notify: (event, payload) => transport.notify(event, payload),
    // The first ask is ChatSession.start's: the page connected long before, so only later asks (retries) go through.
    connect() {
      if (connectAsked) transport.connect();
      connectAsked = true;
    },
  };
  return {
    transport: late,
    chatting: () => open,
    handOver() {
      handedOver = true;
      refusal.stop();
    },
  };
}
