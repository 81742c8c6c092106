import { useCallback, useRef, useState } from 'preact/hooks';
import type { AlertOutput } from '../api/browserAlerts.ts';
import type { Translate } from '../i18n/index.ts';
import type { Alert } from '../state/alerts.ts';

interface AlertsOptions {
  output: AlertOutput;
  t: Translate;
  muted: boolean;
  /** Opens the conversation a clicked notification is about. */
  onOpen: (conversationId: string) => void;
}

/**
 * Turns the controller's alerts into a chime (unless muted), a desktop
 * notification and a line for the screen-reader live region. A message in
 * the focused pane of a focused page needs none of them.
 */
export function useAlerts(options: AlertsOptions): { handle: (alert: Alert) => void; announcement: string } {
  const latest = useRef(options);
  latest.current = options;
  const [announcement, setAnnouncement] = useState('');
  const handle = useCallback((alert: Alert) => {
    const { output, t, muted, onOpen } = latest.current;
    if (alert.kind === 'mention') {
      if (!muted) output.playChime();
      const title = t('mention.title', { agent: alert.by.name, name: alert.visitorLabel });
      output.notify(title, alert.note.body, `mention-${alert.note.conversationId}-${alert.note.seq}`, () => onOpen(alert.conversationId));
      setAnnouncement(t('mention.announce', { agent: alert.by.name, name: alert.visitorLabel, body: alert.note.body }));
      return;
    }
    if (alert.kind === 'lowRating') {
      if (!muted) output.playChime();
      const { score, comment } = alert.rating;
      const name = alert.visitorLabel;
      output.notify(t('rating.lowTitle', { name, score }), comment ?? '', `rating-${alert.conversationId}-${alert.rating.createdAt}`, () =>
        onOpen(alert.conversationId),
      );
      setAnnouncement(t('rating.lowAnnounce', { name, score, comment: comment ?? '' }));
      return;
    }
    const { conversation } = alert;
    const name = conversation.visitorLabel;
    if (alert.kind === 'message' && alert.inFocus && output.pageFocused()) return;
    if (!muted) output.playChime();
    const open = () => onOpen(conversation.id);
    if (alert.kind === 'queued') {
      const title = t(alert.reminder ? 'notifications.reminderTitle' : 'notifications.queuedTitle');
      output.notify(title, name, `queued-${conversation.id}`, open);
      setAnnouncement(t('notifications.announceQueued', { name }));
    } else {
      output.notify(t('notifications.messageTitle', { name }), alert.body, `message-${conversation.id}`, open);
      setAnnouncement(t('notifications.announceMessage', { name, body: alert.body }));
    }
  }, []);
  return { handle, announcement };
}
