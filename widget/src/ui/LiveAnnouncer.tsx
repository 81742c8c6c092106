import type { VisitorConversation, VisitorEvent } from '@mostrador/shared';
import { Component } from 'preact';
import type { ConnectionState } from '../chat/chatView.ts';
import { systemLine } from './systemLine.ts';
import { t } from './translation.ts';

/** Kept in the live region; older arrivals have been read out already. */
const KEEP = 3;

interface LiveAnnouncerProps {
  connection: ConnectionState;
  conversation: VisitorConversation | null;
  events: readonly VisitorEvent[];
}

/** What a screen reader says for an event from the other side; the shopper's own messages are not read back to them. */
export function announcementOf(event: VisitorEvent): string | null {
  if (event.type !== 'message') return systemLine(event, t);
  if (event.author.kind !== 'agent') return null;
  const name = event.author.name || t('agentFallbackName');
  // A message of files only is read out by their names.
  if (!event.body && event.attachments?.length)
    return t('fileSent', { name, files: event.attachments.map((file) => file.name).join(', ') });
  // A product card alone, by the product's name (the card's own label says the rest).
  if (!event.body && event.product) return t('productSent', { name, product: event.product.name });
  return t('announcement', { name, body: event.body });
}

/**
 * The panel's live region. The visible log is not one: its lines are
 * replaced when a message goes from sending to sent, and earlier
 * conversations are put into it on demand, so a screen reader would read
 * them out again as new. This region only ever gains what the agent (or
 * the chat itself) said while the panel was open: what the server already
 * had when the panel opened or the connection came back is history.
 */
export class LiveAnnouncer extends Component<LiveAnnouncerProps> {
  #baseline = 0;
  #conversationId: string | null = null;
  #wasConnected = false;

  override render() {
    const { connection, conversation, events } = this.props;
    const connected = connection === 'connected';
    const id = conversation?.id ?? null;
    if (!connected || !this.#wasConnected) {
      this.#baseline = Math.max(conversation?.lastSeq ?? 0, events.at(-1)?.seq ?? 0);
    } else if (id !== this.#conversationId) {
      // A conversation that started while the panel was open: all of it is news.
      this.#baseline = 0;
    }
    this.#conversationId = id;
    this.#wasConnected = connected;
    const arrived = events
      .filter((event) => event.seq > this.#baseline)
      .map((event) => ({ seq: event.seq, text: announcementOf(event) }))
      .filter((entry) => entry.text !== null)
      .slice(-KEEP);
    return (
      <div class="hidden-label" aria-live="polite" data-part="announcements">
        {arrived.map((entry) => (
          <p key={entry.seq}>{entry.text}</p>
        ))}
      </div>
    );
  }
}
