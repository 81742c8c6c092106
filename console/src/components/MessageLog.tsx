import type { ConversationEvent } from '@mostrador/shared';
import { useRef } from 'preact/hooks';
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

/**
 * A conversation's history, windowed: only the messages near the viewport
 * are in the DOM (a chat may hold thousands), with spacers for the rest.
 * New messages are followed only when the agent is already at the bottom, so
 * reading older history is not interrupted; a newly opened chat starts at the end.
 */
export function MessageLog({ conversationId, visitorLabel, events, outgoing, loading, connected, onRetry }: MessageLogProps) {
  const { t } = useI18n();
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
        {held.slice(range.start, range.end).map((event) => (
          <MessageItem key={event.seq} event={event} />
        ))}
        {range.after > 0 && <div class="log-spacer" aria-hidden="true" style={{ height: `${range.after}px` }} />}
        {outgoing.map((message) => (
          <OutgoingItem key={message.clientId} message={message} connected={connected} onRetry={onRetry} />
        ))}
      </div>
      <LiveAnnouncer label={t('conversation.historyLabel', { name: visitorLabel })} events={held} loading={loading || !events} />
    </>
  );
}
