import type { VisitorEvent } from '@mostrador/shared';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { OutboxItem } from '../chat/outbox.ts';
import { MessageItem, type LogEntry } from './MessageItem.tsx';
import { useTranslate } from './translation.ts';

interface MessageListProps {
  events: readonly VisitorEvent[];
  pending: readonly OutboxItem[];
  onRetry(clientId: string): void;
}

/**
 * What to show: server events in seq order, then the visitor's unsent
 * messages. An "open" status is shown only after a "closed" one, since a
 * conversation that simply started needs no announcement. System lines
 * (status, joined, left, queued) break a run of messages by one author.
 */
export function toLogEntries(events: readonly VisitorEvent[], pending: readonly OutboxItem[]): LogEntry[] {
  const entries: LogEntry[] = [];
  let seenClosed = false;
  let previousAuthor: string | null = null;
  for (const event of events) {
    if (event.type !== 'message') {
      if (event.type === 'status') {
        if (event.status === 'open' && !seenClosed) continue;
        seenClosed ||= event.status === 'closed';
      }
      previousAuthor = null;
      entries.push({ kind: 'event', event, showAuthor: false });
      continue;
    }
    const authorKey = `${event.author.kind}:${event.author.id ?? ''}`;
    entries.push({ kind: 'event', event, showAuthor: authorKey !== previousAuthor });
    previousAuthor = authorKey;
  }
  for (const item of pending) entries.push({ kind: 'pending', item });
  return entries;
}

export function MessageList({ events, pending, onRetry }: MessageListProps) {
  const t = useTranslate();
  const listRef = useRef<HTMLOListElement>(null);
  const entries = toLogEntries(events, pending);

  // Keep the newest message in view.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [entries.length]);

  return (
    <ol ref={listRef} class="log" role="log" aria-live="polite" aria-label={t('messagesLabel')}>
      {entries.length === 0 && <li class="greeting">{t('greeting')}</li>}
      {entries.map((entry) => (
        <MessageItem
          key={entry.kind === 'pending' ? `p:${entry.item.clientId}` : `e:${entry.event.seq}`}
          entry={entry}
          onRetry={onRetry}
        />
      ))}
    </ol>
  );
}
