import type { ConversationStatus, ConversationSummary } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import { ConversationRow } from './ConversationRow.tsx';
import { useNow } from './useNow.ts';

interface ConversationListProps {
  tab: ConversationStatus;
  openCount: number;
  conversations: readonly ConversationSummary[];
  selectedId: string | null;
  unreadOf: (conversationId: string) => number;
  isVisitorTyping: (conversationId: string) => boolean;
  loadFailed: boolean;
  onSelectTab: (tab: ConversationStatus) => void;
  onSelect: (conversationId: string) => void;
}

const TABS: ReadonlyArray<{ status: ConversationStatus; label: 'inbox.tabOpen' | 'inbox.tabClosed' }> = [
  { status: 'open', label: 'inbox.tabOpen' },
  { status: 'closed', label: 'inbox.tabClosed' },
];

export function ConversationList(props: ConversationListProps) {
  const { t } = useI18n();
  const now = useNow();
  const { tab, conversations } = props;
  return (
    <nav class="inbox" aria-label={t('inbox.label')}>
      <div class="tabs" role="tablist" aria-label={t('inbox.label')}>
        {TABS.map(({ status, label }) => (
          <button
            key={status}
            type="button"
            role="tab"
            id={`tab-${status}`}
            aria-selected={tab === status}
            aria-controls="conversation-list"
            class="tab"
            data-part="tab"
            data-status={status}
            onClick={() => props.onSelectTab(status)}
          >
            {t(label)}
            {status === 'open' && props.openCount > 0 && <span class="tab-count">{props.openCount}</span>}
          </button>
        ))}
      </div>
      <div id="conversation-list" role="tabpanel" aria-labelledby={`tab-${tab}`} class="conversation-list">
        {props.loadFailed && (
          <p class="list-note error" role="alert">
            {t('inbox.loadFailed')}
          </p>
        )}
        {conversations.length === 0 ? (
          <p class="list-note">{tab === 'open' ? t('inbox.emptyOpen') : t('inbox.emptyClosed')}</p>
        ) : (
          <ul>
            {conversations.map((conversation) => (
              <ConversationRow
                key={conversation.id}
                conversation={conversation}
                selected={conversation.id === props.selectedId}
                unread={props.unreadOf(conversation.id)}
                visitorTyping={props.isVisitorTyping(conversation.id)}
                now={now}
                onSelect={props.onSelect}
              />
            ))}
          </ul>
        )}
      </div>
      <p class="shortcut-hint">{t('inbox.shortcutHint')}</p>
    </nav>
  );
}
