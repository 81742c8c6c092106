import type { EarlierThread } from '../chat/chatView.ts';
import type { PanelFiles } from '../files/filesLoader.ts';
import { toLogEntries } from './MessageList.tsx';
import { MessageItem } from './MessageItem.tsx';
import { t } from './translation.ts';

interface EarlierThreadsProps {
  threads: readonly EarlierThread[];
  more: boolean;
  onLoadMore(): void;
  /** The files chunk, once loaded: earlier messages' files show too. */
  files?: PanelFiles | null;
}

/**
 * The shopper's earlier conversations above the current one, as in a
 * messaging app: loaded on demand, each under a line with its date. What
 * they hold is the server's visitor view (never internal notes).
 */
export function EarlierThreads({ threads, more, onLoadMore, files }: EarlierThreadsProps) {
  const day = new Intl.DateTimeFormat(t('locale'), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div class="earlier" data-part="earlier">
      {more && (
        <button type="button" class="quiet" data-part="load-earlier" onClick={onLoadMore}>
          {t('earlierLoad')}
        </button>
      )}
      {threads.map((thread) => (
        <section
          key={thread.id}
          class="thread"
          data-part="earlier-thread"
          aria-label={t('earlierThread', { when: day.format(thread.createdAt) })}
        >
          <p class="thread-date" aria-hidden="true">
            {day.format(thread.createdAt)}
          </p>
          <ol class="lines">
            {toLogEntries(thread.events, []).map((entry) =>
              entry.kind === 'event' ? <MessageItem key={`e:${entry.event.seq}`} entry={entry} onRetry={() => {}} files={files} /> : null,
            )}
          </ol>
        </section>
      ))}
    </div>
  );
}
