import type { VisitorProfile } from '@mostrador/shared';
import { useI18n } from '../../i18n/context.ts';
import { RatingBadge } from '../RatingBadge.tsx';
import { formatFullTime } from '../time.ts';

interface EarlierConversationsProps {
  conversations: VisitorProfile['conversations'];
  /** The pane's own conversation, left out of the list. */
  currentId: string;
  onOpen: (conversationId: string) => void;
}

/** The visitor's other chats, newest first; each opens in a pane of its own. */
export function EarlierConversations({ conversations, currentId, onOpen }: EarlierConversationsProps) {
  const { t, language } = useI18n();
  const others = conversations.filter((conversation) => conversation.id !== currentId);
  if (others.length === 0) return <p class="panel-note">{t('visitor.noEarlier')}</p>;
  return (
    <ul class="earlier-list">
      {others.map((conversation) => (
        <li key={conversation.id}>
          <button
            type="button"
            class="earlier-conversation"
            data-part="earlier-conversation"
            data-conversation-id={conversation.id}
            onClick={() => onOpen(conversation.id)}
          >
            <span class="earlier-top">
              <span class={`status-badge ${conversation.status}`}>
                {conversation.status === 'open' ? t('conversation.statusOpen') : t('conversation.statusClosed')}
              </span>
              <time dateTime={new Date(conversation.createdAt).toISOString()}>{formatFullTime(conversation.createdAt, language)}</time>
            </span>
            <span class={conversation.lastMessage ? 'earlier-preview' : 'earlier-preview empty'}>
              {conversation.lastMessage?.body ?? t('inbox.noMessages')}
            </span>
            {conversation.rating && <RatingBadge rating={conversation.rating} />}
          </button>
        </li>
      ))}
    </ul>
  );
}
