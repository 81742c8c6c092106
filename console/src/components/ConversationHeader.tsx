import type { ConversationSummary } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';

interface ConversationHeaderProps {
  conversation: ConversationSummary;
  closing: 'pending' | 'failed' | undefined;
  onClose: () => void;
}

export function ConversationHeader({ conversation, closing, onClose }: ConversationHeaderProps) {
  const { t } = useI18n();
  const open = conversation.status === 'open';
  return (
    <header class="conversation-header">
      <div class="conversation-title">
        <h2 id="conversation-title">{conversation.visitorLabel}</h2>
        <span class={`status-badge ${conversation.status}`} data-part="status">
          {open ? t('conversation.statusOpen') : t('conversation.statusClosed')}
        </span>
      </div>
      {open && (
        <div class="conversation-actions">
          {closing === 'failed' && (
            <span class="inline-error" role="alert">
              {t('conversation.closeFailed')}
            </span>
          )}
          <button type="button" class="button" data-part="close" disabled={closing === 'pending'} onClick={onClose}>
            {closing === 'pending' ? t('conversation.closing') : t('conversation.close')}
          </button>
        </div>
      )}
    </header>
  );
}
