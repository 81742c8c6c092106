import { useI18n } from '../i18n/context.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { ProductCardView } from './ProductCardView.tsx';
import type { OutgoingMessage } from '../state/consoleState.ts';

interface OutgoingItemProps {
  message: OutgoingMessage;
  connected: boolean;
  onRetry: (clientId: string) => void;
}

/** A reply not yet confirmed by the server, shown after the log with its delivery state. */
export function OutgoingItem({ message, connected, onRetry }: OutgoingItemProps) {
  const { t } = useI18n();
  const stateText =
    message.state === 'sending' ? t('composer.sending') : message.state === 'queued' ? t('composer.queued') : t('composer.failed');
  // A queued reply is resent by itself on reconnect; while connected the agent may push it now.
  const canRetry = message.state === 'failed' || (message.state === 'queued' && connected);
  return (
    <div class={`message agent outgoing ${message.state}`} data-part="message" data-author="agent" data-state={message.state}>
      {message.body && (
        <div class="message-body" data-part="body">
          {message.body}
        </div>
      )}
      {message.attachments && message.attachments.length > 0 && <AttachmentList files={message.attachments} />}
      {message.product && <ProductCardView product={message.product} />}
      <div class="message-status">
        <span>{stateText}</span>
        {canRetry && (
          <button type="button" class="link-button" data-part="retry" onClick={() => onRetry(message.clientId)}>
            {t('composer.retry')}
          </button>
        )}
      </div>
    </div>
  );
}
