import { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';
import type { Ref } from 'preact';
import { t } from './translation.ts';

/** Show the character counter once this few characters remain. */
export const COUNTER_THRESHOLD = 500;

interface ComposerProps {
  draft: string;
  textareaRef: Ref<HTMLTextAreaElement>;
  onDraftChange(draft: string): void;
  /** Called only with a draft that may be sent: not blank, not over the limit. */
  onSend(draft: string): void;
}

/** The message field: Enter sends, Shift+Enter adds a line. */
export function Composer({ draft, textareaRef, onDraftChange, onSend }: ComposerProps) {
  const length = draft.trim().length;
  const remaining = MAX_MESSAGE_CHARS - length;
  const overLimit = remaining < 0;
  const canSend = length > 0 && !overLimit;
  const showCounter = remaining <= COUNTER_THRESHOLD;

  const submit = () => {
    if (canSend) onSend(draft);
  };

  return (
    <form
      class="composer-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {showCounter && (
        <div id="mostrador-counter" class={overLimit ? 'counter over' : 'counter'} data-part="counter" aria-live="polite">
          {overLimit ? t('charsOver', { count: -remaining }) : t('charsLeft', { count: remaining })}
        </div>
      )}
      <div class="composer">
        <textarea
          ref={textareaRef}
          data-part="composer"
          rows={1}
          value={draft}
          aria-label={t('composerLabel')}
          placeholder={t('composerPlaceholder')}
          aria-invalid={overLimit}
          aria-describedby={showCounter ? 'mostrador-counter' : undefined}
          onInput={(event) => onDraftChange(event.currentTarget.value)}
          onKeyDown={(event) => {
            // Enter while an IME is composing picks a candidate; it must not send.
            if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
            event.preventDefault();
            submit();
          }}
        />
        <button type="submit" class="send" data-part="send" disabled={!canSend}>
          {t('send')}
        </button>
      </div>
    </form>
  );
}
