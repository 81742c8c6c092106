import type { ConversationEvent } from '@mostrador/shared';
import { useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import { lastSeqOf } from '../state/log.ts';
import { arrivedSince } from '../state/windowing.ts';

/** Kept in the live region; older arrivals have been read out already. */
const KEEP = 3;

interface LiveAnnouncerProps {
  label: string;
  events: readonly ConversationEvent[];
  /** While history is loading nothing is new: its pages are not read out. */
  loading: boolean;
}

/**
 * The chat's live region. The visible log is windowed, so scrolling puts
 * old messages into the DOM; were it the live region, a screen reader would
 * read them out as new. This one only ever gains messages that arrived
 * while the chat was open.
 */
export function LiveAnnouncer({ label, events, loading }: LiveAnnouncerProps) {
  const { t } = useI18n();
  const baseline = useRef<number | null>(null);
  if (loading || baseline.current === null) baseline.current = lastSeqOf(events);
  const arrived = arrivedSince(events, baseline.current, KEEP);
  return (
    <div class="visually-hidden" role="log" aria-live="polite" aria-label={label} data-part="announcements">
      {arrived.map((event) => {
        const name =
          event.author.name ?? (event.author.kind === 'visitor' ? t('conversation.authorVisitor') : t('conversation.authorAgent'));
        return <p key={event.seq}>{t('conversation.announcement', { name, body: event.body })}</p>;
      })}
    </div>
  );
}
