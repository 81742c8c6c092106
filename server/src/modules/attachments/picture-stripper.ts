import { Worker } from 'node:worker_threads';

type Answer = { id: number; ok: true; size: number } | { id: number; ok: false; unreadable: boolean; message: string };
type Pending = { resolve: (size: number | null) => void; reject: (error: Error) => void };

/**
 * Strips received pictures' metadata in a worker thread (picture-strip.ts),
 * started with the first picture and kept for the next ones. A worker that
 * dies fails the pictures it held (their uploads answer 500 and are sent
 * again by the client), and the next picture starts a new one.
 */
export class PictureStripper {
  #worker: Worker | undefined;
  #pending = new Map<number, Pending>();
  #ids = 0;

  /** Writes `from` to `to` without its metadata, flushed: its size, or null when the picture cannot be read. */
  strip(mime: string, from: string, to: string): Promise<number | null> {
    const worker = this.#started();
    const id = ++this.#ids;
    return new Promise<number | null>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, mime, from, to });
    });
  }

  /** Ends the worker; pictures still in it fail. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failAll(new Error('the picture worker was closed'));
    await worker?.terminate();
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./picture-strip-worker.mjs', import.meta.url));
    // A server with no picture in flight may stop without waiting for it.
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const pending = this.#pending.get(answer.id);
      this.#pending.delete(answer.id);
      if (!pending) return;
      if (answer.ok) pending.resolve(answer.size);
      else if (answer.unreadable) pending.resolve(null);
      else pending.reject(new Error(answer.message));
    });
    const gone = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#failAll(error);
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`the picture worker stopped (${code})`)));
    this.#worker = worker;
    return worker;
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
