import type { ConversationEvent, StateEvent } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { ProductCardView } from './ProductCardView.tsx';
import type { Language, Translate } from '../i18n/index.ts';
import { formatClockTime, formatFullTime } from './time.ts';

type SystemEvent = Exclude<ConversationEvent, { type: 'message' } | { type: 'note' }>;

/** What a state change says: who set it and to what, or why it changed by itself. */
function stateText(event: StateEvent, t: Translate, language: Language): string {
  const name = event.author.name ?? '';
  switch (event.reason) {
    case 'customer':
      return t('state.systemCustomer');
    case 'timer':
      return t('state.systemTimer');
    case 'missed':
      return t('state.systemMissed');
    case 'ticket':
      return t('state.systemTicket');
    case 'agent':
      if (event.state === 'pending') return t('state.systemPending', { name });
      if (event.state === 'snoozed') return t('state.systemSnoozed', { name, time: formatFullTime(event.snoozedUntil ?? 0, language) });
      return t('state.systemOpened', { name });
  }
}

/** What a log entry that nobody wrote says: a status change, someone joining or leaving, a queue. */
function systemText(event: SystemEvent, t: Translate, language: Language): string {
  switch (event.type) {
    case 'state':
      return stateText(event, t, language);
    case 'status':
      return t(event.status === 'closed' ? 'conversation.systemClosed' : 'conversation.systemOpened');
    case 'joined':
      return t(event.role === 'guest' ? 'conversation.systemJoinedGuest' : 'conversation.systemJoinedAssignee', {
        name: event.agent.name,
      });
    case 'left': {
      const key =
        event.reason === 'transferred'
          ? 'conversation.systemLeftTransferred'
          : event.reason === 'offline'
            ? 'conversation.systemLeftOffline'
            : 'conversation.systemLeftLeft';
      return t(key, { name: event.agent.name });
    }
    case 'queued':
      return event.department
        ? t('conversation.systemQueued', { department: event.department.name })
        : t('conversation.systemQueuedAnywhere');
  }
}

/**
 * One entry of the history. Bodies are rendered as text nodes, never as HTML:
 * whatever a visitor types is shown exactly as typed.
 */
export function MessageItem({ event, seen = false }: { event: ConversationEvent; seen?: boolean }) {
  const { t, language } = useI18n();
  const time = (
    <time class="message-time" dateTime={new Date(event.createdAt).toISOString()} title={formatFullTime(event.createdAt, language)}>
      {formatClockTime(event.createdAt, language)}
    </time>
  );
  if (event.type === 'note') {
    return (
      <aside class="message note" data-part="note" data-seq={event.seq} aria-label={t('conversation.noteLabel')}>
        <div class="message-meta">
          <span class="note-label">{t('conversation.noteLabel')}</span>
          {event.author.name && <span class="message-author">{event.author.name}</span>}
          {time}
        </div>
        <div class="message-body" data-part="body">
          {event.body}
        </div>
      </aside>
    );
  }
  if (event.type !== 'message' || event.author.kind === 'system') {
    const text = event.type === 'message' ? event.body : systemText(event, t, language);
    return (
      <div class="message system" data-part="message" data-author="system" data-event={event.type} data-seq={event.seq}>
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
      {event.body && (
        <div class="message-body" data-part="body">
          {event.body}
        </div>
      )}
      {event.attachments && event.attachments.length > 0 && <AttachmentList files={event.attachments} />}
      {event.product && <ProductCardView product={event.product} />}
      {seen && (
        <p class="message-status" data-part="seen-receipt">
          {t('conversation.seenByVisitor')}
        </p>
      )}
    </div>
  );
}
