import type { WidgetAttachments } from '@mostrador/shared';
import { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';
import { createRef, type Ref } from 'preact';
import { acceptOf } from '../files/accept.ts';
import type { FilesLoader } from '../files/filesLoader.ts';
import { t } from './translation.ts';

/** Show the character counter once this few characters remain. */
export const COUNTER_THRESHOLD = 500;

interface ComposerProps {
  draft: string;
  textareaRef: Ref<HTMLTextAreaElement>;
  onDraftChange(draft: string): void;
  /** Called only with a draft that may be sent: not over the limit, and not blank unless files are ready. */
  onSend(draft: string): void;
  /** The files chunk (the next message's files, once loaded), and the site's rules; absent or null: no clip button. */
  files?: FilesLoader | undefined;
  rules?: WidgetAttachments | null | undefined;
}

/**
 * The clip: a button that opens the hidden file input (on phones, `image/*`
 * offers the camera and the library). Here in the panel, so the picker opens
 * in the click; the files chunk that uploads is fetched as the pointer or
 * focus comes to it, and waited for once files are picked.
 */
function AttachButton({ files, rules }: { files: FilesLoader; rules: WidgetAttachments }) {
  const input = createRef<HTMLInputElement>();
  const prefetch = () => files.need();
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={acceptOf(rules.types)}
        data-part="file-input"
        onChange={(event) => {
          const picked = [...(event.currentTarget.files ?? [])];
          files.need(({ uploads }) => uploads.add(picked));
          // The same file may be picked again after it is removed.
          event.currentTarget.value = '';
        }}
      />
      <button
        type="button"
        class="attach"
        data-part="attach"
        aria-label={t('attachFiles')}
        onClick={() => input.current?.click()}
        onPointerEnter={prefetch}
        onFocus={prefetch}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            d="M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7L9.7 17.2a1.7 1.7 0 0 1-2.4-2.4L15 7.1"
          />
        </svg>
      </button>
    </>
  );
}

/** The message field: Enter sends, Shift+Enter adds a line. */
export function Composer({ draft, textareaRef, onDraftChange, onSend, files, rules }: ComposerProps) {
  const length = draft.trim().length;
  const remaining = MAX_MESSAGE_CHARS - length;
  const overLimit = remaining < 0;
  const offered = rules ? files : undefined;
  const loaded = offered?.files.get();
  // A message may be files only; it waits for every file still uploading.
  const canSend = (length > 0 || !!loaded?.uploads.ready().length) && !overLimit && !loaded?.uploads.busy;
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
      {loaded && rules && <loaded.PendingFiles uploads={loaded.uploads} maxBytes={rules.maxBytes} links={loaded.links} />}
      {showCounter && (
        <div id="mostrador-counter" class={overLimit ? 'counter over' : 'counter'} data-part="counter" aria-live="polite">
          {overLimit ? t('charsOver', { count: -remaining }) : t('charsLeft', { count: remaining })}
        </div>
      )}
      <div class="composer">
        {offered && rules && <AttachButton files={offered} rules={rules} />}
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
          onPaste={(event) => {
            // A pasted picture (a screenshot) is a file for the message, not text.
            const pasted = [...(event.clipboardData?.files ?? [])];
            if (!offered || pasted.length === 0) return;
            event.preventDefault();
            offered.need(({ uploads }) => uploads.add(pasted));
          }}
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
