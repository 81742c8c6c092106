import type { ConversationSummary } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import { stateOf } from '../state/views.ts';
import { formatWaiting, LONG_WAIT_MS } from '../state/waiting.ts';
import { OriginTag } from './OriginTag.tsx';
import { TagChips } from './TagChips.tsx';
import { formatFullTime, formatRelativeTime } from './time.ts';

interface ConversationRowProps {
  conversation: ConversationSummary;
  selected: boolean;
  open: boolean;
  unread: number;
  visitorTyping: boolean;
  now: number;
  onSelect: (conversationId: string) => void;
}

/** In the queue a row counts from when it was queued; elsewhere from the oldest unanswered message. */
function waitingSince(conversation: ConversationSummary): number | null {
  return conversation.queuedAt ?? conversation.awaitingReplySince;
}

export function ConversationRow({ conversation, selected, open, unread, visitorTyping, now, onSelect }: ConversationRowProps) {
  const { t, language } = useI18n();
  const { lastMessage } = conversation;
  const activityAt = conversation.updatedAt;
  const state = stateOf(conversation);
  const since = conversation.status === 'open' ? waitingSince(conversation) : null;
  const preview = lastMessage
    ? lastMessage.authorKind === 'agent'
      ? t('inbox.youPrefix', { body: lastMessage.body })
      : lastMessage.body
    : t('inbox.noMessages');
  return (
    <li>
      <button
        type="button"
        class="conversation-row"
        data-part="conversation-row"
        data-conversation-id={conversation.id}
        data-unread={unread}
        data-open={open}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(conversation.id)}
      >
        <span class="row-top">
          <span class={unread > 0 ? 'row-label unread' : 'row-label'}>{conversation.visitorLabel}</span>
          <OriginTag origin={conversation.origin} />
          {conversation.missedAt != null && (
            <span class="origin-tag missed" data-part="missed">
              {t('state.missed')}
            </span>
          )}
          {(state === 'pending' || state === 'snoozed') && (
            <span class={`origin-tag ${state}`} data-part="row-state">
              {t(`state.${state}`)}
            </span>
          )}
          {conversation.ticketSince != null && (
            <span class="origin-tag ticket" data-part="ticket">
              {t('conversation.ticket')}
            </span>
          )}
          <time class="row-time" dateTime={new Date(activityAt).toISOString()} title={formatFullTime(activityAt, language)}>
            {formatRelativeTime(activityAt, now, language)}
          </time>
        </span>
        <span class="row-bottom">
          {visitorTyping ? (
            <span class="row-typing" data-part="row-typing">
              {t('inbox.typing')}
            </span>
          ) : (
            <span class={lastMessage ? 'row-preview' : 'row-preview empty'}>{preview}</span>
          )}
          {unread > 0 && (
            <span class="unread-badge" aria-label={t('inbox.unread', { count: unread })}>
              {unread}
            </span>
          )}
        </span>
        <TagChips tags={conversation.tags} />
        {since !== null && (
          <span class={now - since >= LONG_WAIT_MS ? 'row-waiting long' : 'row-waiting'} data-part="row-waiting">
            {t('inbox.waitingFor', { time: formatWaiting(now - since) })}
          </span>
        )}
      </button>
    </li>
  );
}
