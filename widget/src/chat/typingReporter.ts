/** Re-announce "typing" at most this often while the visitor keeps typing. */
export const TYPING_REPEAT_MS = 2_000;
/** Announce "stopped" after this long without a keystroke. */
export const TYPING_IDLE_MS = 3_000;

export interface TypingReporter {
  /** Call with the composer's text on every change. */
  input(text: string): void;
  /** The visitor sent or abandoned the message. */
  stop(): void;
}

/**
 * Turns keystrokes into sparse `typing:set` hints: the agent sees "typing"
 * promptly, without one event per key.
 */
export function createTypingReporter(report: (typing: boolean) => void, now: () => number = Date.now): TypingReporter {
  let typing = false;
  let announcedAt = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    clearTimeout(idleTimer);
    idleTimer = undefined;
    if (!typing) return;
    typing = false;
    report(false);
  };

  return {
    input(text) {
      if (text.trim() === '') {
        stop();
        return;
      }
      if (!typing || now() - announcedAt >= TYPING_REPEAT_MS) {
        typing = true;
        announcedAt = now();
        report(true);
      }
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stop, TYPING_IDLE_MS);
    },
    stop,
  };
}
