import { Worker } from 'node:worker_threads';

/** Words shorter than this are never corrected (see typoBudget); longer ones are codes, not words. */
const MIN_LENGTH = 4;
const MAX_LENGTH = 32;
/** How old a copy may be before a search asks for a fresh one (and goes on with the old one meanwhile). */
const REFRESH_MS = 60_000;

/**
 * The words of the search index, for typo tolerance: a copy in memory, read by a worker thread.
 *
 * Looking for close spellings in the index's own vocabulary table costs seconds over a million messages
 * (fts5vocab counts each word's documents as it reads it), so the words are read off the event loop and
 * kept in memory, sorted, grouped by first letter. The first search that needs them waits for the first
 * read; after that a copy older than a minute is refreshed in the background, so a word that first
 * appeared less than a minute ago may not be offered as a spelling yet.
 *
 * The vocabulary is the whole server's, every site's words: its words are only candidates for the MATCH,
 * which is limited to the searcher's site, and are never shown unless they found something there.
 */
export class SearchVocabulary {
  #worker: Worker | null = null;
  #byFirst = new Map<string, string[]>();
  #loadedAt = 0;
  #loading: Promise<void> | null = null;

  constructor(private readonly databaseFile: string) {}

  /** Vocabulary words with the same first letter and a length within `slack` of the term's. */
  async near(term: string, slack: number): Promise<string[]> {
    if (this.#loadedAt === 0) await this.#load();
    else if (Date.now() - this.#loadedAt > REFRESH_MS) void this.#load().catch(() => undefined);
    const words = this.#byFirst.get(term[0] ?? '') ?? [];
    return words.filter((word) => Math.abs(word.length - term.length) <= slack);
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }

  #load(): Promise<void> {
    this.#loading ??= this.#read()
      .then((terms) => {
        const byFirst = new Map<string, string[]>();
        for (const term of terms) {
          const first = term[0]!;
          const list = byFirst.get(first);
          if (list) list.push(term);
          else byFirst.set(first, [term]);
        }
        this.#byFirst = byFirst;
        this.#loadedAt = Date.now();
      })
      .finally(() => {
        this.#loading = null;
      });
    return this.#loading;
  }

  #read(): Promise<string[]> {
    this.#worker ??= this.#start();
    const worker = this.#worker;
    return new Promise((resolve, reject) => {
      const onMessage = (message: { terms?: string[]; error?: string }) => {
        worker.off('error', onError);
        if (message.terms) resolve(message.terms);
        else reject(new Error(message.error ?? 'vocabulary read failed'));
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        this.#worker = null;
        reject(error);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage('read');
    });
  }

  #start(): Worker {
    const worker = new Worker(new URL('./search-vocabulary.repository-worker.mjs', import.meta.url), {
      workerData: { file: this.databaseFile, minLength: MIN_LENGTH, maxLength: MAX_LENGTH },
    });
    worker.unref();
    return worker;
  }
}
