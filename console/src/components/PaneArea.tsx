import type { ComponentChildren } from 'preact';
import type { ConversationSummary } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';

interface PaneAreaProps {
  panes: readonly ConversationSummary[];
  focusedId: string | null;
  unreadOf: (conversationId: string) => number;
  onFocus: (conversationId: string) => void;
  /** Renders one open conversation. */
  renderPane: (conversation: ConversationSummary) => ComponentChildren;
}

/**
 * The open chats: side by side on a wide screen (up to three), or one at a
 * time behind tabs with unread badges on a narrower one. Every pane stays
 * mounted either way, so drafts and scroll positions survive switching.
 */
export function PaneArea({ panes, focusedId, unreadOf, onFocus, renderPane }: PaneAreaProps) {
  const { t } = useI18n();
  if (panes.length === 0) {
    return (
      <section class="panes empty-pane">
        <p>{t('conversation.none')}</p>
      </section>
    );
  }
  return (
    <div class="panes" data-count={panes.length}>
      <div class="pane-tabs" role="group" aria-label={t('panes.label')}>
        {panes.map((conversation) => {
          const unread = unreadOf(conversation.id);
          return (
            <button
              key={conversation.id}
              type="button"
              class="pane-tab"
              data-part="pane-tab"
              data-pane-id={conversation.id}
              aria-pressed={conversation.id === focusedId}
              onClick={() => onFocus(conversation.id)}
            >
              {conversation.visitorLabel}
              {unread > 0 && (
                <span class="unread-badge" aria-label={t('inbox.unread', { count: unread })}>
                  {unread}
                </span>
              )}
            </button>
          );
        })}
      </div>
      <div class="pane-grid">{panes.map((conversation) => renderPane(conversation))}</div>
    </div>
  );
}
