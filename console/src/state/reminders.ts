/** A queued conversation nobody takes is announced again this often. */
export const REMINDER_INTERVAL_MS = 60_000;

/**
 * Reminds, every REMINDER_INTERVAL_MS, of each conversation still waiting in
 * the agent's queue. `track` is told the full set each time it changes:
 * newcomers start a timer, ones that left the queue lose theirs.
 */
export class QueueReminders {
  private readonly timers = new Map<string, ReturnType<typeof setInterval>>();

  constructor(
    private readonly remind: (conversationId: string) => void,
    private readonly intervalMs = REMINDER_INTERVAL_MS,
  ) {}

  track(queuedIds: Iterable<string>): void {
    const queued = new Set(queuedIds);
    for (const [id, timer] of this.timers) {
      if (queued.has(id)) continue;
      clearInterval(timer);
      this.timers.delete(id);
    }
    for (const id of queued) {
      if (!this.timers.has(id))
        this.timers.set(
          id,
          setInterval(() => this.remind(id), this.intervalMs),
        );
    }
  }

  get tracked(): string[] {
    return [...this.timers.keys()];
  }

  stop(): void {
    this.track([]);
  }
}
