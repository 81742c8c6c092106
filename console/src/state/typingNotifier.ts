/** While typing, "true" is repeated at most this often, so the visitor's indicator stays lit. */
export const TYPING_REPEAT_MS = 2_000;
/** Without a keystroke for this long, the agent is no longer typing. */
export const TYPING_IDLE_MS = 3_000;

type SendTyping = (conversationId: string, typing: boolean) => void;

/**
 * Turns composer keystrokes into a sparse stream of typing hints: true on the
 * first keystroke and then at most every TYPING_REPEAT_MS, false after
 * TYPING_IDLE_MS of silence, on send, or when the draft is emptied.
 */
export class TypingNotifier {
  private typingIn: string | null = null;
  private lastTrueAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly sendTyping: SendTyping,
    private readonly now: () => number = Date.now,
  ) {}

  draftChanged(conversationId: string, draft: string): void {
    if (this.typingIn !== null && this.typingIn !== conversationId) this.stop();
    if (draft.trim() === '') {
      this.stop();
      return;
    }
    const now = this.now();
    if (this.typingIn === null || now - this.lastTrueAt >= TYPING_REPEAT_MS) {
      this.sendTyping(conversationId, true);
      this.typingIn = conversationId;
      this.lastTrueAt = now;
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** Tells the visitor the agent stopped typing, if it had said otherwise. */
  stop(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.typingIn === null) return;
    const conversationId = this.typingIn;
    this.typingIn = null;
    this.sendTyping(conversationId, false);
  }
}
