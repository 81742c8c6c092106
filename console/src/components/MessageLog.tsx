import type { ConversationEvent } from '@mostrador/shared';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import type { OutgoingMessage } from '../state/consoleState.ts';
import { MessageItem } from './MessageItem.tsx';
import { OutgoingItem } from './OutgoingItem.tsx';

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

export function MessageLog({ conversationId, visitorLabel, events, outgoing, loading, connected, onRetry }: MessageLogProps) {
  const { t } = useI18n();
  const logRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const shownConversation = useRef<string | null>(null);
  const entries = (events?.length ?? 0) + outgoing.length;

  // Follow new messages only when the agent is already at the bottom, so
  // reading older history is not interrupted; a newly opened one starts at the end.
  useLayoutEffect(() => {
    const log = logRef.current;
    if (!log) return;
    if (shownConversation.current !== conversationId || stickToBottom.current) log.scrollTop = log.scrollHeight;
    shownConversation.current = conversationId;
  }, [conversationId, entries]);

  return (
    <div
      ref={logRef}
      class="message-log"
      role="log"
      aria-live="polite"
      aria-label={t('conversation.historyLabel', { name: visitorLabel })}
      tabIndex={0}
      onScroll={(event) => {
        const log = event.currentTarget;
        stickToBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight < STICKY_BOTTOM_PX;
      }}
    >
      {entries === 0 && <p class="log-note">{loading || !events ? t('conversation.loading') : t('conversation.empty')}</p>}
      {events?.map((event) => <MessageItem key={event.seq} event={event} />)}
      {outgoing.map((message) => (
        <OutgoingItem key={message.clientId} message={message} connected={connected} onRetry={onRetry} />
      ))}
    </div>
  );
}
