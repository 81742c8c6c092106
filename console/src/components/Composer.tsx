import { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';

/** Drafts by conversation id; owned by the inbox so they outlive switching conversations. */
export type DraftStore = Map<string, string>;

/** The counter appears once the draft is within this many characters of the limit. */
const COUNTER_THRESHOLD = 500;

interface ComposerProps {
  conversationId: string;
  drafts: DraftStore;
  onSend: (body: string) => void;
  onDraftChange?: (draft: string) => void;
}

export function Composer({ conversationId, drafts, onSend, onDraftChange }: ComposerProps) {
  const { t } = useI18n();
  // The draft lives in `drafts`; this counter only makes Preact re-render when it changes.
  const [, setRevision] = useState(0);
  const draft = drafts.get(conversationId) ?? '';
  const remaining = MAX_MESSAGE_CHARS - draft.length;
  const overLimit = remaining < 0;
  const sendable = draft.trim() !== '' && !overLimit;

  function setDraft(next: string) {
    if (next === '') drafts.delete(conversationId);
    else drafts.set(conversationId, next);
    setRevision((revision) => revision + 1);
    onDraftChange?.(next);
  }

  function send() {
    if (!sendable) return;
    onSend(draft.trim());
    setDraft('');
  }

  const counterId = `composer-counter-${conversationId}`;
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label class="visually-hidden" for={`reply-${conversationId}`}>
        {t('composer.label')}
      </label>
      <textarea
        id={`reply-${conversationId}`}
        name="reply"
        rows={3}
        placeholder={t('composer.placeholder')}
        value={draft}
        aria-invalid={overLimit}
        aria-describedby={remaining <= COUNTER_THRESHOLD ? counterId : undefined}
        onInput={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Enter sends, Shift+Enter breaks the line; an IME composition keeps its Enter.
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          send();
        }}
      />
      <div class="composer-footer">
        {remaining <= COUNTER_THRESHOLD && (
          <span id={counterId} class={overLimit ? 'char-counter over' : 'char-counter'} aria-live="polite">
            {overLimit ? t('composer.overLimit', { count: -remaining }) : t('composer.remaining', { count: remaining })}
          </span>
        )}
        <button type="submit" class="button primary" data-part="send" disabled={!sendable}>
          {t('composer.send')}
        </button>
      </div>
    </form>
  );
}
