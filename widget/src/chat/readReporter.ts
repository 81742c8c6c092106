/** A read mark waits this long for later ones to fold into it: one small event a second at most, never one per message. */
export const READ_MARK_INTERVAL_MS = 1_000;

export interface ReadReporter {
  /** The visitor has seen the log up to `seq` (the last agent message shown). Repeats and older marks cost nothing. */
  seen(conversationId: string, seq: number): void;
  /** A new connection: the next mark goes again, in case the last one was lost with the old socket. */
  reset(): void;
  dispose(): void;
}

/**
 * Turns "the visitor is looking at the log" into sparse `read:mark` events:
 * the latest mark within an interval wins, and a mark no further than the
 * last one sent is not sent at all.
 */
export function createReadReporter(
  send: (conversationId: string, seq: number) => void,
  intervalMs: number = READ_MARK_INTERVAL_MS,
): ReadReporter {
  let sent: { conversationId: string; seq: number } | null = null;
  let pending: { conversationId: string; seq: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const covered = (mark: typeof sent, conversationId: string, seq: number) =>
    mark !== null && mark.conversationId === conversationId && mark.seq >= seq;

  const flush = () => {
    timer = undefined;
    if (!pending) return;
    send(pending.conversationId, pending.seq);
    sent = pending;
    pending = null;
  };

  return {
    seen(conversationId, seq) {
      if (covered(sent, conversationId, seq) || covered(pending, conversationId, seq)) return;
      pending = { conversationId, seq };
      timer ??= setTimeout(flush, intervalMs);
    },
    reset() {
      sent = null;
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
