import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { AttachmentRow, AttachmentsRepository } from './attachments.repository.ts';
import type { FileStorage } from './storage.ts';
import { renderThumbnail, UnreadablePicture } from './thumbnail.ts';

/** How often the worker looks for pending jobs on its own (a restart's leftovers, a retry after a storage failure). */
const POLL_MS = 60_000;
/** Passing failures (the storage) before a job fails for good. */
export const THUMB_MAX_ATTEMPTS = 3;

export interface ThumbnailWorkerOptions {
  /** The most pixels a picture may have to be decoded (a decompression bomb is refused). */
  maxInputPixels: number;
  log: { warn(detail: object, message: string): void; error(detail: object, message: string): void };
}

/**
 * sharp read a picture's file and failed: the picture is unreadable for good
 * only if the file itself opens (or is gone); a file that cannot be opened
 * now (too many open files, a disk error) is tried again later.
 */
async function unreadableOrNot(path: string, err: unknown): Promise<unknown> {
  try {
    await (await open(path, 'r')).close();
    return err;
  } catch (openError) {
    return (openError as NodeJS.ErrnoException).code === 'ENOENT' ? err : openError;
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Makes pictures' thumbnails in the background, one at a time, from the
 * jobs the upload wrote with the file's row: an upload's ack and a
 * message's delivery never wait for it, and a restart picks up what was
 * pending. A picture that cannot be read fails at once; a storage failure
 * is tried again on a later pass, a few times. Either way the full picture
 * keeps being served in the thumbnail's place.
 */
export class ThumbnailWorker {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<number> | undefined;
  /** A job arrived while a pass was under way: one more pass after it. */
  #again = false;
  #stopped = false;

  constructor(
    private readonly repo: AttachmentsRepository,
    private readonly storage: FileStorage,
    private readonly options: ThumbnailWorkerOptions,
  ) {}

  /** Resumes pending jobs now, then looks again every `intervalMs`. */
  start(intervalMs = POLL_MS): void {
    if (this.#timer || this.#stopped) return;
    this.#timer = setInterval(() => this.wake(), intervalMs);
    this.#timer.unref();
    this.wake();
  }

  /** A new job was written: work on it soon, never in the caller's turn. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) this.#again = true;
    else setImmediate(() => void this.runOnce().catch((err: unknown) => this.options.log.error({ err }, 'thumbnail pass failed')));
  }

  /** Stops taking jobs and waits for the one under way, so the database can close after it. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** Works through the pending jobs; resolves with how many thumbnails it made. A pass under way is joined. */
  runOnce(): Promise<number> {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
      if (this.#again && !this.#stopped) {
        this.#again = false;
        this.wake();
      }
    });
    return this.#running;
  }

  async #run(): Promise<number> {
    let made = 0;
    for (;;) {
      this.#again = false;
      const job = this.#stopped ? undefined : await this.repo.nextThumbJob();
      if (!job) return made;
      const outcome = await this.#make(job);
      if (outcome === 'made') made++;
      // The storage failed: leave the rest for a later pass rather than fail them all now.
      if (outcome === 'later') return made;
    }
  }

  /**
   * The picture as sharp takes it: its path on a local disk, which libvips
   * reads in its own thread (a photo read whole on the event loop is
   * megabytes copied into fresh memory there, once per thumbnail), or its
   * bytes from any other store. Null when it is gone.
   */
  async #picture(key: string): Promise<string | Buffer | null> {
    if (this.storage.localPath) return this.storage.localPath(key);
    const file = await this.storage.open(key);
    return file ? readAll(file.stream) : null;
  }

  async #make(job: AttachmentRow): Promise<'made' | 'failed' | 'later'> {
    let key: string;
    try {
      const picture = await this.#picture(job.storageKey);
      if (!picture) {
        await this.repo.thumbFailed(job.id, true, THUMB_MAX_ATTEMPTS);
        return 'failed';
      }
      const thumbnail = await renderThumbnail(picture, this.options.maxInputPixels).catch(async (err: unknown) => {
        throw typeof picture === 'string' ? await unreadableOrNot(picture, err) : err;
      });
      key = await this.storage.put(thumbnail);
    } catch (err) {
      const final = err instanceof UnreadablePicture;
      await this.repo.thumbFailed(job.id, final, THUMB_MAX_ATTEMPTS);
      this.options.log.warn({ err, attachmentId: job.id }, final ? 'picture has no thumbnail' : 'thumbnail not made; trying later');
      return final ? 'failed' : 'later';
    }
    // Erased or discarded while it was made: its thumbnail goes too.
    if ((await this.repo.thumbReady(job.id, key)) === 0) {
      await this.storage.remove([key]).catch((err: unknown) => this.options.log.error({ err }, 'thumbnail not removed'));
      return 'failed';
    }
    return 'made';
  }
}
