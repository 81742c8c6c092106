import type { CannedReply } from '@mostrador/shared';
import { fillPlaceholders, pickVersion, type PlaceholderValues } from '@mostrador/shared/canned';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import type { cannedApi } from './cannedApi.ts';
import { matchReplies, slashQueryAt, type SlashQuery } from './slashQuery.ts';

/** What the composer needs to offer canned replies in one conversation. */
export interface CannedContext {
  replies: readonly CannedReply[];
  values: PlaceholderValues;
  /** The visitor's browser language (BCP 47), which picks the reply's version. */
  visitorLanguage: string | null;
  /** Told, beside the message, each time a reply goes into the draft: what the suggestions learn from. */
  onUsed?: (reply: CannedReply) => void;
  /** The seq of the visitor's last message; given, the composer shows suggested replies for it. */
  visitorSeq?: number | null;
  /** Where a reply's picture is copied for this message (the API unless a test says otherwise). */
  copyPicture?: typeof cannedApi.copyPicture;
  /** Where suggestions come from (the API unless a test says otherwise). */
  loadSuggestions?: (conversationId: string) => ReturnType<typeof cannedApi.suggestions>;
}

interface PickerState extends SlashQuery {
  active: number;
}

/**
 * Typing `/` opens the picker; the word after it filters; arrows move, Enter or Tab inserts, Esc closes.
 * Inserting replaces the `/word` with the filled reply and selects its first fill-in prompt, so the agent
 * types straight over it. Several replies go into one message by typing `/` again. Each inserted reply is
 * handed to `onInserted`, which attaches what it carries besides words (a copy of its picture, its product card).
 */
export function useCannedPicker(
  canned: CannedContext | undefined,
  draft: string,
  setDraft: (next: string) => void,
  textarea: { current: HTMLTextAreaElement | null },
  onInserted?: (reply: CannedReply) => void,
) {
  const { language, t } = useI18n();
  const [state, setState] = useState<PickerState | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const pendingSelection = useRef<[number, number] | null>(null);
  const matches = canned && state ? matchReplies(canned.replies, state.query) : [];

  useLayoutEffect(() => {
    const selection = pendingSelection.current;
    if (!selection || !textarea.current) return;
    pendingSelection.current = null;
    textarea.current.focus();
    textarea.current.setSelectionRange(selection[0], selection[1]);
  });

  function follow(text: string, caret: number) {
    if (!canned || canned.replies.length === 0) return setState(null);
    const found = slashQueryAt(text, caret);
    setState(found ? { ...found, active: 0 } : null);
  }

  /** Puts the filled reply in place of draft[start, end), and selects its first fill-in prompt. */
  function insertAt(reply: CannedReply, start: number, end: number) {
    if (!canned) return;
    const body = pickVersion(reply.bodies, canned.visitorLanguage, language);
    const filled = fillPlaceholders(body, canned.values);
    const before = draft.slice(0, start);
    const next = before + filled.text + draft.slice(end);
    const firstAsk = filled.asks[0];
    pendingSelection.current = firstAsk
      ? [before.length + firstAsk.start, before.length + firstAsk.end]
      : [before.length + filled.text.length, before.length + filled.text.length];
    setState(null);
    setDraft(next);
    setAnnouncement(t(firstAsk ? 'canned.inserted' : 'canned.insertedDone', { title: reply.title }));
    canned.onUsed?.(reply);
    onInserted?.(reply);
  }

  function insert(reply: CannedReply) {
    if (state) insertAt(reply, state.start, state.start + 1 + state.query.length);
  }

  /** A suggestion goes where the caret is (at the end when the box was never focused). */
  function insertAtCaret(reply: CannedReply) {
    const box = textarea.current;
    const start = box && document.activeElement === box ? box.selectionStart : draft.length;
    const end = box && document.activeElement === box ? box.selectionEnd : draft.length;
    insertAt(reply, start, end);
  }

  /** True when the key was the picker's, so the composer must not also act on it (Enter must not send). */
  function onKeyDown(event: KeyboardEvent): boolean {
    if (!state) return false;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setState(null);
      return true;
    }
    if (matches.length === 0) return false;
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0) {
      event.preventDefault();
      setState({ ...state, active: (state.active + step + matches.length) % matches.length });
      return true;
    }
    if ((event.key === 'Enter' && !event.shiftKey && !event.isComposing) || event.key === 'Tab') {
      event.preventDefault();
      const reply = matches[Math.min(state.active, matches.length - 1)];
      if (reply) insert(reply);
      return true;
    }
    return false;
  }

  return {
    open: state !== null,
    query: state?.query ?? '',
    matches,
    active: state ? Math.min(state.active, Math.max(matches.length - 1, 0)) : 0,
    announcement,
    follow,
    insert,
    insertAtCaret,
    onKeyDown,
    close: () => setState(null),
  };
}
