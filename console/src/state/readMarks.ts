import type { ControllerContext } from './controllerContext.ts';

/** Marks wait this long for later ones to fold into them: one small event a second per conversation at most. */
export const READ_MARK_INTERVAL_MS = 1_000;

/**
 * The agent's read receipts: "I have read this conversation up to seq",
 * folded per conversation over a second and sent only when further than the
 * last one the server acknowledged. A mark that could not be sent (offline)
 * stays pending and goes on the next reconnect.
 */
export class ReadMarks {
  private readonly sent = new Map<string, number>();
  private readonly pending = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: ControllerContext,
    private readonly intervalMs: number = READ_MARK_INTERVAL_MS,
  ) {}

  seen(conversationId: string, seq: number): void {
    if ((this.sent.get(conversationId) ?? 0) >= seq || (this.pending.get(conversationId) ?? 0) >= seq) return;
    this.pending.set(conversationId, seq);
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Sends what is pending now (after a reconnect). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const { connection } = this.context;
    if (!connection.connected) return;
    const marks = [...this.pending];
    this.pending.clear();
    await Promise.all(
      marks.map(async ([conversationId, seq]) => {
        const result = await connection.request('read:mark', { conversationId, seq });
        if (result.ok) this.sent.set(conversationId, Math.max(seq, this.sent.get(conversationId) ?? 0));
        else if (result.error.code === 'timeout' || result.error.code === 'disconnected') this.seen(conversationId, seq);
      }),
    );
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
