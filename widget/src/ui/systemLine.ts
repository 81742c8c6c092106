import type { VisitorEvent } from '@mostrador/shared';
import type { Translate } from '../i18n/catalogue.ts';

/** Log events that are not messages: shown as a centred system line. */
export type SystemEvent = Exclude<VisitorEvent, { type: 'message' }>;

/** The text of a system line. Names come from the server and are only ever rendered as text. */
export function systemLine(event: SystemEvent, t: Translate): string {
  switch (event.type) {
    case 'status':
      return t(event.status === 'closed' ? 'statusClosed' : 'statusOpen');
    case 'joined':
      return t('joined', { name: event.agent.name });
    case 'left':
      // An agent who vanished (offline) leaves the visitor waiting: say someone else is coming.
      return t(event.reason === 'offline' ? 'leftOffline' : 'left', { name: event.agent.name });
    case 'queued': {
      const department = event.department?.name;
      if (event.reason === 'requeued') return t('requeued');
      if (event.reason === 'transferred') return department ? t('transferredTo', { department }) : t('transferred');
      return department ? t('queuedFor', { department }) : t('queued');
    }
  }
}
