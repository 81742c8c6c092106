import type { ConversationOrigin } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';

/** Marks chats the visitor did not start: an agent's proactive message, or a trigger's invitation. */
export function OriginTag({ origin }: { origin: ConversationOrigin }) {
  const { t } = useI18n();
  if (origin === 'visitor') return null;
  return (
    <span class={`origin-tag ${origin}`} data-part="origin" data-origin={origin}>
      {origin === 'agent' ? t('origin.agent') : t('origin.trigger')}
    </span>
  );
}
