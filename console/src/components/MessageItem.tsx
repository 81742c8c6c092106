import type { ConversationEvent } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import { formatClockTime, formatFullTime } from './time.ts';

/**
 * One entry of the history. Bodies are rendered as text nodes, never as HTML:
 * whatever a visitor types is shown exactly as typed.
 */
export function MessageItem({ event }: { event: ConversationEvent }) {
  const { t, language } = useI18n();
  const time = (
    <time class="message-time" dateTime={new Date(event.createdAt).toISOString()} title={formatFullTime(event.createdAt, language)}>
      {formatClockTime(event.createdAt, language)}
    </time>
  );
  if (event.type === 'status' || event.author.kind === 'system') {
    const text =
      event.type === 'status'
        ? t(event.status === 'closed' ? 'conversation.systemClosed' : 'conversation.systemOpened')
        : event.body;
    return (
      <div class="message system" data-part="message" data-author="system" data-seq={event.seq}>
        <span data-part="body">{text}</span> {time}
      </div>
    );
  }
  const fallbackName = event.author.kind === 'visitor' ? t('conversation.authorVisitor') : t('conversation.authorAgent');
  return (
    <div class={`message ${event.author.kind}`} data-part="message" data-author={event.author.kind} data-seq={event.seq}>
      <div class="message-meta">
        <span class="message-author">{event.author.name ?? fallbackName}</span>
        {time}
      </div>
      <div class="message-body" data-part="body">
        {event.body}
      </div>
    </div>
  );
}
