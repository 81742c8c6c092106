import type { AttachmentInfo, ProductCard } from '@mostrador/shared';
import { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';
import { useRef, useState } from 'preact/hooks';
import { discardAttachment, uploadAttachment } from '../api/attachments.ts';
import { cannedApi } from '../canned/cannedApi.ts';
import { CannedPicker, optionId } from '../canned/CannedPicker.tsx';
import { SuggestedReplies } from '../canned/SuggestedReplies.tsx';
import { useCannedPicker, type CannedContext } from '../canned/useCannedPicker.ts';
import { useI18n } from '../i18n/context.ts';
import { PendingFiles } from './PendingFiles.tsx';
import { PendingProduct } from './PendingProduct.tsx';
import { ProductPicker } from './ProductPicker.tsx';
import { usePendingFiles, type Discard, type Upload } from './usePendingFiles.ts';

/** Drafts by conversation id; owned by the inbox so they outlive switching conversations. */
export type DraftStore = Map<string, string>;

/** The counter appears once the draft is within this many characters of the limit. */
const COUNTER_THRESHOLD = 500;

interface ComposerProps {
  conversationId: string;
  drafts: DraftStore;
  /**
   * `noEmail`: the agent ticked "don't email" for this one message; `files`: uploaded, sent with it;
   * `product`: the card picked from the visitor's products, or null.
   */
  onSend: (body: string, noEmail: boolean, files: AttachmentInfo[], product: ProductCard | null) => void;
  onDraftChange?: (draft: string) => void;
  /** Canned replies for this conversation; without it, `/` is plain text. */
  canned?: CannedContext;
  /** Stores a private note; answers the refusal to show, or null. Without it there is no note mode. */
  onNote?: (body: string) => Promise<string | null>;
  /** Where files go; the server's upload route unless a test says otherwise. */
  upload?: Upload;
  /** Takes back a stored file the agent removed; the server's route unless a test says otherwise. */
  discard?: Discard;
  /**
   * Whether this is the chat the agent is in. Suggested replies show only there: with three chats side by
   * side, a row of suggestions in each would take the messages' height for chats nobody is typing in.
   */
  focused?: boolean;
  /** The products the visitor viewed, newest first; without it there is no product button. */
  products?: readonly ProductCard[];
  /** The site's products by name or SKU (the picker searches them as the agent types). */
  searchProducts?: (query: string) => Promise<readonly ProductCard[]>;
}

/** The files a drag or a paste carries, if any. */
function filesOf(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}

export function Composer({
  conversationId,
  drafts,
  onSend,
  onDraftChange,
  canned,
  onNote,
  upload = uploadAttachment,
  discard = discardAttachment,
  focused = true,
  products,
  searchProducts,
}: ComposerProps) {
  const { t } = useI18n();
  // The draft lives in `drafts`; this counter only makes Preact re-render when it changes.
  const [, setRevision] = useState(0);
  // A note is for agents only: the mode is visible on the box, the placeholder and the button.
  const [noting, setNoting] = useState(false);
  const [noteError, setNoteError] = useState('');
  // "Don't email" holds for the next message only: it is cleared once that message goes.
  const [noEmail, setNoEmail] = useState(false);
  const draft = drafts.get(conversationId) ?? '';
  const remaining = MAX_MESSAGE_CHARS - draft.length;
  const overLimit = remaining < 0;
  const pending = usePendingFiles(conversationId, upload, discard);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const [dropping, setDropping] = useState(false);
  // The product card for the next reply, and whether its picker is open.
  const [product, setProduct] = useState<ProductCard | null>(null);
  const [picking, setPicking] = useState(false);
  const productButtonRef = useRef<HTMLButtonElement>(null);
  // A reply goes with words, files, a product or all three, once every file is uploaded; a note is words only.
  const sendable = !overLimit && !pending.uploading && (draft.trim() !== '' || (!noting && (pending.ready || product !== null)));

  function setDraft(next: string) {
    if (next === '') drafts.delete(conversationId);
    else drafts.set(conversationId, next);
    setRevision((revision) => revision + 1);
    // A note's draft is never announced as typing: the visitor must not see "typing…" for it.
    onDraftChange?.(noting ? '' : next);
  }

  const textareaRef = useRef<HTMLTextAreaElement>(null);
  // What a reply carries besides words goes as if the agent had picked it (a note carries neither): its picture
  // as a copy of the agent's own, pending like a file; its product as the card for this reply, replacing one picked.
  const picker = useCannedPicker(canned, draft, setDraft, textareaRef, (reply) => {
    if (noting) return;
    if (reply.picture) {
      const copy = canned?.copyPicture ?? cannedApi.copyPicture;
      pending.addCopy(reply.picture.name, () => copy(reply.id));
    }
    if (reply.product) setProduct(reply.product);
  });
  const pickerId = `canned-picker-${conversationId}`;

  function send() {
    if (!sendable) return;
    if (noting && onNote) {
      const body = draft.trim();
      setDraft('');
      void onNote(body).then((refusal) => {
        if (refusal === null) return setNoteError('');
        setNoteError(t('note.failed', { message: refusal }));
        if (!drafts.get(conversationId)) setDraft(body);
      });
      return;
    }
    onSend(draft.trim(), noEmail, pending.take(), product);
    setProduct(null);
    setNoEmail(false);
    setDraft('');
  }

  const counterId = `composer-counter-${conversationId}`;
  return (
    <form
      class={`composer${noting ? ' note-mode' : ''}${dropping ? ' dropping' : ''}`}
      data-mode={noting ? 'note' : 'reply'}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      onDragOver={(event) => {
        if (noting || !event.dataTransfer?.types.includes('Files')) return;
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(event) => {
        setDropping(false);
        const files = filesOf(event.dataTransfer);
        if (noting || files.length === 0) return;
        event.preventDefault();
        pending.add(files);
      }}
    >
      {canned && canned.visitorSeq !== undefined && !noting && focused && (
        <SuggestedReplies
          conversationId={conversationId}
          visitorSeq={canned.visitorSeq}
          onPick={picker.insertAtCaret}
          {...(canned.loadSuggestions ? { load: canned.loadSuggestions } : {})}
        />
      )}
      <label class="visually-hidden" for={`reply-${conversationId}`}>
        {t('composer.label')}
      </label>
      <textarea
        id={`reply-${conversationId}`}
        name="reply"
        rows={3}
        placeholder={noting ? t('note.placeholder') : t('composer.placeholder')}
        ref={textareaRef}
        value={draft}
        aria-invalid={overLimit}
        aria-controls={picker.open ? pickerId : undefined}
        aria-activedescendant={picker.open && picker.matches.length > 0 ? optionId(pickerId, picker.active) : undefined}
        aria-describedby={remaining <= COUNTER_THRESHOLD ? counterId : undefined}
        onInput={(event) => {
          setDraft(event.currentTarget.value);
          picker.follow(event.currentTarget.value, event.currentTarget.selectionStart ?? event.currentTarget.value.length);
        }}
        onBlur={picker.close}
        onPaste={(event) => {
          const files = filesOf(event.clipboardData);
          if (noting || files.length === 0) return;
          event.preventDefault();
          pending.add(files);
        }}
        onKeyDown={(event) => {
          if (picker.onKeyDown(event)) return;
          // Enter sends, Shift+Enter breaks the line; an IME composition keeps its Enter.
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          send();
        }}
      />
      {picker.open && (
        <CannedPicker
          id={pickerId}
          matches={picker.matches}
          active={picker.active}
          query={picker.query}
          visitorLanguage={canned?.visitorLanguage ?? null}
          onPick={picker.insert}
        />
      )}
      <p class="visually-hidden" role="status">
        {picker.announcement}
      </p>
      {noteError && (
        <p class="form-error" role="alert">
          {noteError}
        </p>
      )}
      {dropping && <p class="drop-hint">{t('attachments.dropHere')}</p>}
      <PendingFiles files={pending.files} onRemove={pending.remove} />
      {product && !noting && <PendingProduct product={product} onRemove={() => setProduct(null)} />}
      {picking && products && !noting && (
        <ProductPicker
          id={`product-picker-${conversationId}`}
          products={products}
          {...(searchProducts ? { searchSite: searchProducts } : {})}
          onPick={(picked) => {
            setProduct(picked);
            setPicking(false);
            textareaRef.current?.focus();
          }}
          onClose={() => {
            setPicking(false);
            productButtonRef.current?.focus();
          }}
        />
      )}
      <div class="composer-footer">
        {!noting && (
          <>
            <input
              ref={fileInputRef}
              type="file"
              multiple
              hidden
              data-part="file-input"
              onChange={(event) => {
                pending.add([...(event.currentTarget.files ?? [])]);
                event.currentTarget.value = '';
              }}
            />
            <button type="button" class="button attach" data-part="attach" onClick={() => fileInputRef.current?.click()}>
              <svg class="attach-icon" aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
                <path d="M21.44 11.05l-9.19 9.19a6 6 0 0 1-8.49-8.49l9.19-9.19a4 4 0 0 1 5.66 5.66l-9.2 9.19a2 2 0 0 1-2.83-2.83l8.49-8.48" />
              </svg>
              <span class="attach-label">{t('attachments.attach')}</span>
            </button>
          </>
        )}
        {!noting && products && (
          <button
            ref={productButtonRef}
            type="button"
            class="button tool"
            data-part="product"
            aria-expanded={picking}
            aria-controls={picking ? `product-picker-${conversationId}` : undefined}
            onClick={() => setPicking(!picking)}
          >
            <svg class="attach-icon" aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
              <path d="M6 7h12l-1 13H7L6 7zM9 7a3 3 0 0 1 6 0" />
            </svg>
            <span class="tool-label">{t('products.attach')}</span>
          </button>
        )}
        {onNote && (
          <button type="button" class="button note-toggle" aria-pressed={noting} data-part="note-toggle" onClick={() => setNoting(!noting)}>
            {t('note.toggle')}
          </button>
        )}
        {!noting && (
          <label class="no-email-toggle" data-part="no-email" title={t('composer.noEmail')}>
            <input type="checkbox" checked={noEmail} onChange={(event) => setNoEmail(event.currentTarget.checked)} />
            <svg class="no-email-icon" aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
              <path d="M4 6h16v12H4zM4 6l8 7 8-7M3 3l18 18" />
            </svg>
            <span class="no-email-label">{t('composer.noEmail')}</span>
          </label>
        )}
        {remaining <= COUNTER_THRESHOLD && (
          <span id={counterId} class={overLimit ? 'char-counter over' : 'char-counter'} aria-live="polite">
            {overLimit ? t('composer.overLimit', { count: -remaining }) : t('composer.remaining', { count: remaining })}
          </span>
        )}
        <button type="submit" class="button primary" data-part="send" disabled={!sendable}>
          {noting ? t('note.send') : t('composer.send')}
        </button>
      </div>
    </form>
  );
}
