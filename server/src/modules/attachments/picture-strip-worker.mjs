// @ts-check
// Runs in a worker thread: strips received pictures' metadata (picture-strip.ts), one at a time, off the
// event loop that serves chats. Worker threads do not inherit tsx's loader (privatenumber/tsx#354), so
// this one registers it, and shares the server's own TypeScript rather than a copy of it.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { stripPictureFile, UnstrippablePicture } = await import('./picture-strip.ts');

/** One picture at a time: a burst of photos is read and copied one after another, not all at once in memory. */
let queue = Promise.resolve();
parentPort?.on('message', (/** @type {{ id: number; mime: string; from: string; to: string }} */ job) => {
  queue = queue.then(async () => {
    try {
      const size = await stripPictureFile(job.mime, job.from, job.to);
      parentPort?.postMessage({ id: job.id, ok: true, size });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      parentPort?.postMessage({ id: job.id, ok: false, unreadable: error instanceof UnstrippablePicture, message });
    }
  });
});
