import type { AttachmentInfo, ConversationEvent, ConversationSummary, ProductCard } from '@mostrador/shared';
import { isTransportError } from '../api/agentConnection.ts';
import { newClientId } from './clientId.ts';
import type { OutgoingMessage } from './consoleState.ts';
import type { ControllerContext } from './controllerContext.ts';

/**
 * Replies on their way: each keeps its clientId across attempts, so a resend
 * after a lost answer is recognised by the server rather than duplicated.
 */
export class Outbox {
  /** Latest delivery attempt per clientId, so a stale timeout cannot mark a newer attempt. */
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly context: ControllerContext,
    private readonly applyChange: (event: ConversationEvent, conversation: ConversationSummary) => void,
  ) {}

  send(conversationId: string, body: string, noEmail = false, files: AttachmentInfo[] = [], product: ProductCard | null = null): void {
    const message: OutgoingMessage = {
      clientId: newClientId(),
      conversationId,
      body,
      ...(noEmail ? { noEmail } : {}),
      ...(files.length > 0 ? { attachments: files } : {}),
      ...(product ? { product } : {}),
      createdAt: Date.now(),
      state: 'sending',
    };
    this.context.store.update((state) => ({ ...state, outbox: [...state.outbox, message] }));
    void this.deliver(message.clientId);
  }

  retry(clientId: string): void {
    void this.deliver(clientId);
  }

  /** After a reconnect: everything not refused by the server goes again. */
  resendUnsent(): Promise<void> {
    const unsent = this.context.store.get().outbox.filter((message) => message.state !== 'failed');
    return Promise.all(unsent.map((message) => this.deliver(message.clientId))).then(() => undefined);
  }

  private async deliver(clientId: string): Promise<void> {
    const { store, connection } = this.context;
    const message = store.get().outbox.find((candidate) => candidate.clientId === clientId);
    if (!message) return;
    const attempt = (this.attempts.get(clientId) ?? 0) + 1;
    this.attempts.set(clientId, attempt);
    this.setState(clientId, connection.connected ? 'sending' : 'queued');
    if (!connection.connected) return;
    const { conversationId, body, noEmail, attachments, product } = message;
    const result = await connection.request('message:send', {
      conversationId,
      clientId,
      body,
      ...(noEmail ? { noEmail } : {}),
      ...(attachments ? { attachments: attachments.map((a) => a.id) } : {}),
      // Only the page is sent: the server builds the card from the visitor's trail.
      ...(product ? { product: { url: product.url } } : {}),
    });
    if (result.ok) {
      this.attempts.delete(clientId);
      this.applyChange(result.data.event, result.data.conversation);
      // The event normally clears the outbox entry; this covers a reply the log already held.
      store.update((state) => ({ ...state, outbox: state.outbox.filter((m) => m.clientId !== clientId) }));
      return;
    }
    if (this.attempts.get(clientId) !== attempt) return;
    const { error } = result;
    if (!isTransportError(error) && error.code === 'rate_limited') {
      // Over the server's budget: not refused, just early. It waits, queued, and goes again when the server says.
      this.setState(clientId, 'queued');
      setTimeout(() => void this.deliver(clientId), error.retryAfterMs ?? 1000);
      return;
    }
    this.setState(clientId, isTransportError(error) ? 'queued' : 'failed');
  }

  private setState(clientId: string, next: OutgoingMessage['state']): void {
    this.context.store.update((state) => ({
      ...state,
      outbox: state.outbox.map((message) => (message.clientId === clientId ? { ...message, state: next } : message)),
    }));
  }
}
