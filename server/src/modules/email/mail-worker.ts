import type { OutboxService } from './outbox.service.ts';
import type { ReplyMailer } from './reply-mailer.ts';

/** Runs the reply mailer and the outbox's deliveries every `intervalMs`, one pass at a time. */
export class MailWorker {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pass: Promise<void> | null = null;
  #stopped = true;

  constructor(
    private readonly mailer: ReplyMailer,
    private readonly outbox: OutboxService,
    private readonly intervalMs: number,
    private readonly log: (err: unknown) => void,
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || !this.#stopped) return;
    this.#stopped = false;
    this.#schedule();
  }

  /** One pass now: queue due replies, then deliver due mail. */
  runOnce(): Promise<void> {
    this.#pass ??= (async () => {
      await this.mailer.scan();
      await this.outbox.deliverDue();
    })()
      .catch(this.log)
      .finally(() => {
        this.#pass = null;
      });
    return this.#pass;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#pass;
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      void this.runOnce().finally(() => {
        if (!this.#stopped) this.#schedule();
      });
    }, this.intervalMs);
    this.#timer.unref();
  }
}
