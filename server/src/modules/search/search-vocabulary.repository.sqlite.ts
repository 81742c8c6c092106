import { Worker } from 'node:worker_threads';
import type { SearchVocabularyRepository } from './search-vocabulary.repository.ts';

/**
 * fts5vocab on SQLite, read by a worker thread (search-vocabulary.repository-worker.mjs) on a read-only
 * connection of its own: over a million messages the read takes seconds (fts5vocab counts each word's
 * documents as it reads it), which must not run on the event loop that serves chats.
 */
export class SqliteSearchVocabularyRepository implements SearchVocabularyRepository {
  #worker: Worker | null = null;

  constructor(private readonly databaseFile: string) {}

  words(minLength: number, maxLength: number): Promise<string[]> {
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
      worker.postMessage({ minLength, maxLength });
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }

  #start(): Worker {
    const worker = new Worker(new URL('./search-vocabulary.repository-worker.mjs', import.meta.url), {
      workerData: { file: this.databaseFile },
    });
    worker.unref();
    return worker;
  }
}
