import type { VisitorEvent } from '@mostrador/shared';
import { Component, createRef, type ComponentChildren } from 'preact';
import type { Invitation } from '../chat/chatView.ts';
import type { OutboxItem } from '../chat/outbox.ts';
import { MessageItem, type LogEntry } from './MessageItem.tsx';
import { t } from './translation.ts';

interface MessageListProps {
  events: readonly VisitorEvent[];
  pending: readonly OutboxItem[];
  invitation: Invitation | null;
  /** The conversation the invitation opened is in `events`, without it yet: it goes first. */
  invitationFirst: boolean;
  /** No "send us a message" on an empty log when the chat is unavailable on this page. */
  noGreeting?: boolean;
  /** The merchant's greeting in the widget's language (Admin → Branding); empty or absent: ours. */
  greeting?: string | undefined;
  /** Shown above the log's lines, inside the scrolling area (the earlier conversations). */
  header?: ComponentChildren;
  onRetry(clientId: string): void;
}

/**
 * What to show: server events in seq order, then the visitor's unsent
 * messages. An "open" status is shown only after a "closed" one, since a
 * conversation that simply started needs no announcement. System lines
 * (status, joined, left, queued) break a run of messages by one author.
 * A trigger's invitation follows an earlier conversation's log, and opens
 * the log of the conversation the visitor's reply started.
 */
export function toLogEntries(
  events: readonly VisitorEvent[],
  pending: readonly OutboxItem[],
  invitation: Invitation | null = null,
  invitationFirst = false,
): LogEntry[] {
  const entries: LogEntry[] = [];
  const invited: LogEntry[] = invitation ? [{ kind: 'invitation', invitation }] : [];
  if (invitationFirst) entries.push(...invited);
  let seenClosed = false;
  let previousAuthor: string | null = null;
  for (const event of events) {
    if (event.type !== 'message') {
      if (event.type === 'status') {
        if (event.status === 'open' && !seenClosed) continue;
        seenClosed ||= event.status === 'closed';
      }
      previousAuthor = null;
      entries.push({ kind: 'event', event, showAuthor: false });
      continue;
    }
    const authorKey = `${event.author.kind}:${event.author.id ?? ''}`;
    entries.push({ kind: 'event', event, showAuthor: authorKey !== previousAuthor });
    previousAuthor = authorKey;
  }
  if (!invitationFirst) entries.push(...invited);
  for (const item of pending) entries.push({ kind: 'pending', item });
  return entries;
}

export class MessageList extends Component<MessageListProps> {
  #list = createRef<HTMLDivElement>();
  #lines = 0;
  /** How many lines the log had when last scrolled to its end. */
  #scrolledAt = -1;

  /** Keep the newest message in view, when lines come or go (not on every redraw: the visitor may be reading back). */
  override componentDidUpdate(): void {
    const list = this.#list.current;
    if (!list || this.#lines === this.#scrolledAt) return;
    this.#scrolledAt = this.#lines;
    list.scrollTop = list.scrollHeight;
  }

  override componentDidMount(): void {
    this.componentDidUpdate();
  }

  override render() {
    const { events, pending, invitation, invitationFirst, noGreeting, greeting, header, onRetry } = this.props;
    const entries = toLogEntries(events, pending, invitation, invitationFirst);
    this.#lines = entries.length;
    return (
      // The live region wraps a plain list: `log` is not a role an <ol> may take, and its items need a list parent.
      <div ref={this.#list} class="log" role="log" aria-live="polite" aria-label={t('messagesLabel')} tabIndex={0}>
        {header}
        <ol class="lines">
          {entries.length === 0 && !noGreeting && <li class="greeting">{greeting || t('greeting')}</li>}
          {entries.map((entry) => (
            <MessageItem
              key={entry.kind === 'pending' ? `p:${entry.item.clientId}` : entry.kind === 'event' ? `e:${entry.event.seq}` : 'i'}
              entry={entry}
              onRetry={onRetry}
            />
          ))}
        </ol>
      </div>
    );
  }
}
