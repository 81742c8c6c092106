import type { ConversationSummary } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import { formatFullTime, formatRelativeTime } from './time.ts';

interface ConversationRowProps {
  conversation: ConversationSummary;
  selected: boolean;
  unread: number;
  visitorTyping: boolean;
  now: number;
  onSelect: (conversationId: string) => void;
}

export function ConversationRow({ conversation, selected, unread, visitorTyping, now, onSelect }: ConversationRowProps) {
  const { t, language } = useI18n();
  const { lastMessage } = conversation;
  const activityAt = conversation.updatedAt;
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
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(conversation.id)}
      >
        <span class="row-top">
          <span class={unread > 0 ? 'row-label unread' : 'row-label'}>{conversation.visitorLabel}</span>
          <time class="row-time" dateTime={new Date(activityAt).toISOString()} title={formatFullTime(activityAt, language)}>
            {formatRelativeTime(activityAt, now, language)}
          </time>
        </span>
        <span class="row-bottom">
          {visitorTyping ? (
            <span class="row-typing">{t('inbox.typing')}</span>
          ) : (
            <span class={lastMessage ? 'row-preview' : 'row-preview empty'}>{preview}</span>
          )}
          {unread > 0 && (
            <span class="unread-badge" aria-label={t('inbox.unread', { count: unread })}>
              {unread}
            </span>
          )}
        </span>
      </button>
    </li>
  );
}
