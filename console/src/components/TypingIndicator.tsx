import { useI18n } from '../i18n/context.ts';

/** The live region stays mounted so the indicator appearing is announced. */
export function TypingIndicator({ typing }: { typing: boolean }) {
  const { t } = useI18n();
  return (
    <div class="typing-slot" aria-live="polite">
      {typing && (
        <p class="typing" data-part="typing">
          <span class="typing-dots" aria-hidden="true" />
          {t('conversation.visitorTyping')}
        </p>
      )}
    </div>
  );
}
