import { maskCardNumbers } from '@mostrador/shared/cardMask';

/** Re-announce "typing" at most this often while the visitor keeps typing. */
export const TYPING_REPEAT_MS = 2_000;
/** Announce "stopped" after this long without a keystroke. */
export const TYPING_IDLE_MS = 3_000;
/** With typing preview, the draft travels at most this often (about 4 times a second). */
export const DRAFT_INTERVAL_MS = 250;

export interface TypingReporter {
  /** Call with the composer's text on every change. */
  input(text: string): void;
  /** The visitor sent or abandoned the message. */
  stop(): void;
}

/**
 * Turns keystrokes into sparse `typing:set` hints: the agent sees "typing"
 * promptly, without one event per key. When the site allows typing preview
 * the hint carries the draft (card numbers masked first), at most four times
 * a second with the latest text last; the draft stays shown while it sits in
 * the field, so there is no idle timeout then.
 */
export function createTypingReporter(
  report: (typing: boolean, draft?: string) => void,
  preview: () => boolean,
  now: () => number = Date.now,
): TypingReporter {
  let typing = false;
  let announcedAt = -Infinity;
  let latest = '';
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!typing) return;
    typing = false;
    report(false);
  };
  const sendDraft = () => {
    timer = undefined;
    typing = true;
    announcedAt = now();
    report(true, maskCardNumbers(latest));
  };

  return {
    input(text) {
      if (text.trim() === '') {
        stop();
        return;
      }
      if (preview()) {
        latest = text;
        const wait = announcedAt + DRAFT_INTERVAL_MS - now();
        if (wait <= 0) sendDraft();
        else timer ??= setTimeout(sendDraft, wait);
        return;
      }
      if (!typing || now() - announcedAt >= TYPING_REPEAT_MS) {
        typing = true;
        announcedAt = now();
        report(true);
      }
      clearTimeout(timer);
      timer = setTimeout(stop, TYPING_IDLE_MS);
    },
    stop,
  };
}
