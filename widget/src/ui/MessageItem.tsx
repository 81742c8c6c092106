import type { VisitorEvent } from '@mostrador/shared';
import type { Invitation } from '../chat/chatView.ts';
import type { OutboxItem } from '../chat/outbox.ts';
import { systemLine } from './systemLine.ts';
import { t } from './translation.ts';

/** One line of the log as the visitor sees it: a server event, a message still in the outbox, or a trigger's invitation. */
export type LogEntry =
  | { kind: 'event'; event: VisitorEvent; showAuthor: boolean }
  | { kind: 'pending'; item: OutboxItem }
  | { kind: 'invitation'; invitation: Invitation };

interface MessageItemProps {
  entry: LogEntry;
  onRetry(clientId: string): void;
}

/** Bodies are rendered as text children, never as HTML. */
export function MessageItem({ entry, onRetry }: MessageItemProps) {
  if (entry.kind === 'pending') {
    const { item } = entry;
    return (
      <li class="message" data-part="message" data-author="visitor" data-status={item.status === 'failed' ? 'failed' : 'sending'}>
        <p class="body" data-part="body">
          {item.body}
        </p>
        {item.status === 'failed' ? (
          <span class="meta failed" role="alert" title={item.error}>
            {t('failed')}{' '}
            <button type="button" data-part="retry" onClick={() => onRetry(item.clientId)}>
              {t('retry')}
            </button>
          </span>
        ) : (
          <span class="meta">{t('sending')}</span>
        )}
      </li>
    );
  }

  if (entry.kind === 'invitation') {
    // Written as an agent's message; the server stores it only when the visitor replies.
    return (
      <li class="message" data-part="message" data-author="agent" data-status="sent" data-invitation="">
        <span class="author">{entry.invitation.name}</span>
        <p class="body" data-part="body">
          {entry.invitation.body}
        </p>
      </li>
    );
  }

  const { event, showAuthor } = entry;
  if (event.type !== 'message') {
    return (
      <li class="message" data-part="message" data-author="system" data-status="sent" data-event={event.type}>
        <p class="body" data-part="body">
          {systemLine(event, t)}
        </p>
      </li>
    );
  }
  const author = event.author.kind;
  const name = author === 'agent' ? event.author.name || t('agentFallbackName') : null;
  return (
    <li class="message" data-part="message" data-author={author} data-status="sent">
      {showAuthor && name && <span class="author">{name}</span>}
      <p class="body" data-part="body" title={new Date(event.createdAt).toLocaleString()}>
        {event.body}
      </p>
    </li>
  );
}
