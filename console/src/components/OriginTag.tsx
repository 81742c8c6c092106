import type { ConversationOrigin } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';

/** Marks chats the visitor did not start in the chat: an agent's proactive message, a trigger's invitation, an emailed answer after a close. */
export function OriginTag({ origin }: { origin: ConversationOrigin }) {
  const { t } = useI18n();
  if (origin === 'visitor') return null;
  return (
    <span class={`origin-tag ${origin}`} data-part="origin" data-origin={origin}>
      {t(`origin.${origin}`)}
    </span>
  );
}
