import type { ConversationEvent } from '@mostrador/shared';
import { dayLabel, startOfDay } from '@mostrador/shared/days';
import { useRef } from 'preact/hooks';
import type { Language, Translate } from '../i18n/index.ts';
import { useI18n } from '../i18n/context.ts';
import type { OutgoingMessage } from '../state/consoleState.ts';
import { LiveAnnouncer } from './LiveAnnouncer.tsx';
import { MessageItem } from './MessageItem.tsx';
import { OutgoingItem } from './OutgoingItem.tsx';
import { useWindow } from './useWindow.ts';

interface MessageLogProps {
  conversationId: string;
  visitorLabel: string;
  events: readonly ConversationEvent[] | undefined;
  /** Read receipt: the highest seq the visitor has seen; "Seen" goes under the last agent message up to it. */
  visitorReadSeq?: number;
  outgoing: readonly OutgoingMessage[];
  loading: boolean;
  connected: boolean;
  onRetry: (clientId: string) => void;
}

/** How close to the bottom counts as "reading the latest", in pixels. */
const STICKY_BOTTOM_PX = 80;
/** A one-line message with its author line, before it has been measured. */
const ESTIMATED_MESSAGE_PX = 64;
/** Rendered beyond the visible part, above and below, so scrolling does not show blanks. */
const OVERSCAN_PX = 600;

const NO_EVENTS: readonly ConversationEvent[] = [];
const seqKey = (event: ConversationEvent) => String(event.seq);

/** "Today", "Yesterday" or the date, in the agent's language and time zone. */
function dayText(time: number, now: number, language: Language, t: Translate): string {
  const label = dayLabel(time, now, language);
  return label.kind === 'date' ? label.text : t(label.kind === 'today' ? 'conversation.today' : 'conversation.yesterday');
}

/** The agent message the "Seen" receipt goes under: the last one at or before the visitor's mark. */
function seenSeqOf(events: readonly ConversationEvent[], visitorReadSeq: number): number {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i]!;
    if (event.seq <= visitorReadSeq && event.type === 'message' && event.author.kind === 'agent') return event.seq;
  }
  return 0;
}

/**
 * A conversation's history, windowed: only the messages near the viewport
 * are in the DOM (a chat may hold thousands), with spacers for the rest.
 * New messages are followed only when the agent is already at the bottom, so
 * reading older history is not interrupted; a newly opened chat starts at the end.
 */
export function MessageLog({
  conversationId,
  visitorLabel,
  events,
  visitorReadSeq = 0,
  outgoing,
  loading,
  connected,
  onRetry,
}: MessageLogProps) {
  const { t, language } = useI18n();
  const logRef = useRef<HTMLDivElement>(null);
  const held = events ?? NO_EVENTS;
  const { range, onScroll } = useWindow(logRef, {
    items: held,
    keyOf: seqKey,
    itemSelector: ':scope > [data-seq]',
    keyOfElement: (element) => element.dataset.seq,
    estimate: ESTIMATED_MESSAGE_PX,
    overscan: OVERSCAN_PX,
    followBottom: true,
    bottomSlack: STICKY_BOTTOM_PX,
  });
  const entries = held.length + outgoing.length;
  const seenSeq = seenSeqOf(held, visitorReadSeq);
  const now = Date.now();
  // A day's first event is wrapped with its separator, so the pair is measured as one windowed item.
  const startsDay = (index: number) => index === 0 || startOfDay(held[index - 1]!.createdAt) !== startOfDay(held[index]!.createdAt);
  const lastHeld = held.at(-1);
  const outgoingStartsDay = outgoing.length > 0 && (!lastHeld || startOfDay(lastHeld.createdAt) !== startOfDay(now));

  return (
    <>
      <div
        ref={logRef}
        class="message-log"
        role="region"
        aria-label={t('conversation.historyLabel', { name: visitorLabel })}
        tabIndex={0}
        data-conversation-id={conversationId}
        onScroll={onScroll}
      >
        {entries === 0 && <p class="log-note">{loading || !events ? t('conversation.loading') : t('conversation.empty')}</p>}
        {range.before > 0 && <div class="log-spacer" aria-hidden="true" style={{ height: `${range.before}px` }} />}
        {held.slice(range.start, range.end).map((event, offset) => {
          const item = <MessageItem key={event.seq} event={event} seen={event.seq === seenSeq} />;
          if (!startsDay(range.start + offset)) return item;
          return (
            <div key={event.seq} class="log-day" data-seq={event.seq}>
              <p class="day-separator" data-part="day">
                {dayText(event.createdAt, now, language, t)}
              </p>
              {item}
            </div>
          );
        })}
        {range.after > 0 && <div class="log-spacer" aria-hidden="true" style={{ height: `${range.after}px` }} />}
        {outgoingStartsDay && (
          <p class="day-separator" data-part="day">
            {t('conversation.today')}
          </p>
        )}
        {outgoing.map((message) => (
          <OutgoingItem key={message.clientId} message={message} connected={connected} onRetry={onRetry} />
        ))}
      </div>
      <LiveAnnouncer label={t('conversation.historyLabel', { name: visitorLabel })} events={held} loading={loading || !events} />
    </>
  );
}
