import type { VisitorEvent } from '@mostrador/shared';
import { dayLabel, startOfDay } from '@mostrador/shared/days';
import { Component, createRef, type ComponentChildren } from 'preact';
import type { Invitation } from '../chat/chatView.ts';
import type { OutboxItem } from '../chat/outbox.ts';
import type { PanelFiles } from '../files/filesLoader.ts';
import type { ShopCart } from './shopCart.ts';
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
  /** Read receipt: the highest seq an agent in the chat has read. */
  agentReadSeq?: number;
  /** The picture of an agent in the chat, by id; absent or null: initials. */
  pictureOf?: (agentId: string) => string | null | undefined;
  /** The files chunk, once loaded: it shows the files messages carry. */
  files?: PanelFiles | null;
  /** How the shop takes a product card's product into its cart (ui/shopCart.ts). */
  cart?: (() => ShopCart | null) | undefined;
  onRetry(clientId: string): void;
}

/** "Today", "Yesterday" or the date, in the visitor's language and time zone. */
function dayText(time: number, now: number): string {
  const label = dayLabel(time, now, t('locale'));
  return label.kind === 'date' ? label.text : t(label.kind);
}

/**
 * What to show: server events in seq order, then the visitor's unsent
 * messages. An "open" status is shown only after a "closed" one, since a
 * conversation that simply started needs no announcement. System lines
 * (status, joined, left, queued) and a new day break a run of messages by
 * one author; each day starts with a separator ("Today", "Yesterday", the
 * date), in the visitor's time zone. The visitor's last message an agent
 * has read carries the receipt. A trigger's invitation follows an earlier
 * conversation's log, and opens the log of the conversation the visitor's
 * reply started.
 */
export function toLogEntries(
  events: readonly VisitorEvent[],
  pending: readonly OutboxItem[],
  invitation: Invitation | null = null,
  invitationFirst = false,
  agentReadSeq = 0,
  now: number = Date.now(),
): LogEntry[] {
  const entries: LogEntry[] = [];
  const invited: LogEntry[] = invitation ? [{ kind: 'invitation', invitation }] : [];
  if (invitationFirst) entries.push(...invited);
  let seenClosed = false;
  let previousAuthor: string | null = null;
  let day: number | null = null;
  const dayBreak = (time: number) => {
    const start = startOfDay(time);
    if (start === day) return false;
    day = start;
    entries.push({ kind: 'day', key: `d:${start}`, label: dayText(time, now) });
    return true;
  };
  let readSeq = 0;
  for (const event of events) {
    if (event.type === 'message' && event.author.kind === 'visitor' && event.seq <= agentReadSeq) readSeq = event.seq;
  }
  for (const event of events) {
    if (event.type !== 'message') {
      if (event.type === 'status') {
        if (event.status === 'open' && !seenClosed) continue;
        seenClosed ||= event.status === 'closed';
      }
      dayBreak(event.createdAt);
      previousAuthor = null;
      entries.push({ kind: 'event', event, showAuthor: false, read: false });
      continue;
    }
    if (dayBreak(event.createdAt)) previousAuthor = null;
    const authorKey = `${event.author.kind}:${event.author.id ?? ''}`;
    entries.push({ kind: 'event', event, showAuthor: authorKey !== previousAuthor, read: event.seq === readSeq });
    previousAuthor = authorKey;
  }
  if (!invitationFirst) entries.push(...invited);
  for (const item of pending) {
    dayBreak(item.createdAt);
    entries.push({ kind: 'pending', item });
  }
  return entries;
}

const entryKey = (entry: LogEntry) =>
  entry.kind === 'pending'
    ? `p:${entry.item.clientId}`
    : entry.kind === 'event'
      ? `e:${entry.event.seq}`
      : entry.kind === 'day'
        ? entry.key
        : 'i';

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

  /** A thumbnail that loads after its line came grows the log: one that pushed the end out of view brings it back. */
  #pictureLoaded = (event: Event) => {
    const list = this.#list.current;
    const grown = (event.target as HTMLElement).offsetHeight;
    if (list && list.scrollHeight - list.scrollTop - list.clientHeight <= grown + 40) list.scrollTop = list.scrollHeight;
  };

  override render() {
    const { events, pending, invitation, invitationFirst, noGreeting, greeting, header, agentReadSeq, pictureOf, files, cart, onRetry } =
      this.props;
    const entries = toLogEntries(events, pending, invitation, invitationFirst, agentReadSeq);
    this.#lines = entries.length;
    return (
      // The log wraps a plain list: `log` is not a role an <ol> may take, and its items need a list parent. It is not
      // live (the panel's announcer is): its lines are replaced on send and earlier chats are put into it on demand.
      <div
        ref={this.#list}
        class="log"
        role="log"
        aria-live="off"
        aria-label={t('messagesLabel')}
        tabIndex={0}
        onLoadCapture={this.#pictureLoaded}
      >
        {header}
        <ol class="lines">
          {entries.length === 0 && !noGreeting && <li class="greeting">{greeting || t('greeting')}</li>}
          {entries.map((entry) => (
            <MessageItem key={entryKey(entry)} entry={entry} onRetry={onRetry} pictureOf={pictureOf} files={files} cart={cart} />
          ))}
        </ol>
      </div>
    );
  }
}
