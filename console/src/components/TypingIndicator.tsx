import type { AgentRef } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';

interface TypingIndicatorProps {
  visitorTyping: boolean;
  /** The visitor's draft is on screen: it shows the typing, so the line is only read out. */
  draftShown: boolean;
  /** Colleagues typing a reply in the same chat: a warning against answering twice. */
  colleagues: readonly AgentRef[];
}

/** The live region stays mounted so the indicator appearing is announced. */
export function TypingIndicator({ visitorTyping, draftShown, colleagues }: TypingIndicatorProps) {
  const { t } = useI18n();
  return (
    <div class="typing-slot" aria-live="polite">
      {visitorTyping && (
        <p class={draftShown ? 'typing visually-hidden' : 'typing'} data-part="typing" data-author="visitor">
          <span class="typing-dots" aria-hidden="true" />
          {t('conversation.visitorTyping')}
        </p>
      )}
      {colleagues.map((colleague) => (
        <p key={colleague.id} class="typing colleague" data-part="typing" data-author="agent" data-agent-id={colleague.id}>
          <span class="typing-dots" aria-hidden="true" />
          {t('conversation.colleagueTyping', { name: colleague.name })}
        </p>
      ))}
    </div>
  );
}
