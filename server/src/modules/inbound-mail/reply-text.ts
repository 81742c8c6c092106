import { Worker } from 'node:worker_threads';
import { maskCardNumbers, mayHoldCardNumber } from '@mostrador/shared/cardMask';
import { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';

/** Only the start of a mail is read: a reply sits above what it quotes, and the parser's cost grows fast with length. */
const MAX_INPUT_CHARS = 20_000;

/**
 * A quote header the library may leave as the reply's last line, in the
 * languages the shops write in (Catalan is not in the library's list):
 * "El dv., 5 de des. 2026 a les 10:00, Botiga <…> va escriure:",
 * "El 5 dic 2026, a las 10:00, Tienda <…> escribió:", "On …, Shop <…> wrote:".
 */
const QUOTE_HEADER_END = /(?:va escriure|escribió|wrote|a écrit)\s?:\s*$/i;
const QUOTE_HEADER_START = /^(?:El|On|Le)\s/;

interface ParserThread {
  worker: Worker;
  /** Resolves true once the library has loaded in the thread, false if the thread failed first. */
  ready: Promise<boolean>;
}

/**
 * The shopper's own words in an email reply: the quoted conversation and
 * the signature below are dropped (email-reply-parser, in a worker thread),
 * card numbers are masked as the widget's messages are, and the text is cut
 * to a chat message's length. Should the parser overrun its time, the reply
 * is taken as every line above the first quoted (">") line.
 */
export class ReplyText {
  #worker: ParserThread | null = null;
  readonly #pending = new Map<number, (text: string | null) => void>();
  #nextId = 0;
  #overruns = 0;

  constructor(private readonly timeoutMs = 3000) {}

  async of(body: string): Promise<string> {
    const text = body.replace(/\r\n?/g, '\n').slice(0, MAX_INPUT_CHARS);
    const visible = (await this.#parse(text)) ?? aboveFirstQuote(text);
    const reply = withoutTrailingQuoteHeader(visible)
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    const masked = mayHoldCardNumber(reply) ? maskCardNumbers(reply) : reply;
    return masked.length > MAX_MESSAGE_CHARS ? `${masked.slice(0, MAX_MESSAGE_CHARS - 1)}…` : masked;
  }

  /** How many mails the parser gave up on (and the simple cut took); tests use it to see the fallback happen. */
  get overruns(): number {
    return this.#overruns;
  }

  async close(): Promise<void> {
    const parser = this.#worker;
    this.#worker = null;
    await parser?.worker.terminate();
  }

  async #parse(text: string): Promise<string | null> {
    const parser = (this.#worker ??= this.#start());
    // The clock starts once the worker has loaded: a slow start on a busy machine is not the parser overrunning.
    if (!(await parser.ready) || this.#worker !== parser) return null;
    const id = ++this.#nextId;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#overruns++;
        this.#restart();
      }, this.timeoutMs);
      this.#pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      parser.worker.postMessage({ id, text });
    });
  }

  #start(): ParserThread {
    const worker = new Worker(new URL('./reply-text-worker.mjs', import.meta.url));
    worker.unref();
    const thread: ParserThread = { worker, ready: Promise.resolve(false) };
    thread.ready = new Promise<boolean>((resolve) => {
      worker.on('message', (message: { ready: true } | { id: number; text: string }) => {
        if ('ready' in message) return resolve(true);
        const done = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        done?.(message.text);
      });
      worker.on('error', () => {
        resolve(false);
        if (this.#worker === thread) this.#restart();
      });
      worker.on('exit', () => resolve(false));
    });
    return thread;
  }

  /** Ends a stuck or failed worker; what it was parsing falls back to the simple cut, and the next mail starts a new one. */
  #restart(): void {
    const parser = this.#worker;
    this.#worker = null;
    void parser?.worker.terminate();
    for (const done of this.#pending.values()) done(null);
    this.#pending.clear();
  }
}

function aboveFirstQuote(text: string): string {
  const lines = text.split('\n');
  const quoted = lines.findIndex((line) => line.trimStart().startsWith('>'));
  return (quoted === -1 ? lines : lines.slice(0, quoted)).join('\n');
}

function withoutTrailingQuoteHeader(text: string): string {
  const lines = text.trimEnd().split('\n');
  const last = lines.at(-1) ?? '';
  if (!QUOTE_HEADER_END.test(last)) return text;
  lines.pop();
  // A long header wraps: "El dv., 5 de des. 2026 a les 10:00, Botiga <" / "reply+…> va escriure:".
  if (!QUOTE_HEADER_START.test(last) && QUOTE_HEADER_START.test(lines.at(-1) ?? '')) lines.pop();
  return lines.join('\n');
}
