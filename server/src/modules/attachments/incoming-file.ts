import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { HEAD_BYTES, TAIL_BYTES, TextScan, type FileParts } from './sniff.ts';

/** An upload's body, received whole into a file of its own (not flushed yet): where it is, and what deciding its type reads. */
export interface IncomingFile extends FileParts {
  path: string;
}

/** The body went past the limit; nothing of it is kept. */
export class TooLarge extends Error {}

/**
 * Writes an upload's body to a new file in `dir` as it arrives, chunk by
 * chunk, keeping in memory only its first and last bytes and the text scan.
 * A file is never gathered into one buffer: copying megabytes into fresh
 * memory stalled the event loop for every chat on the server (a burst of 50
 * files of 5 MB held messages for over half a second). The file is not
 * flushed here: what is kept of it is (`flushFile` before a store adopts
 * it, or its stripped copy), and a picture's raw upload, deleted once
 * stripped, need not reach the disk at all. Past `limit`
 * bytes, or if the body fails (the shopper went away), the file is removed
 * and this rejects (`TooLarge`, or the body's error).
 */
export async function receiveFile(body: Readable, dir: string, limit: number): Promise<IncomingFile> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomBytes(18).toString('base64url')}.part`);
  const file = await open(path, 'wx');
  const scan = new TextScan();
  let head = Buffer.alloc(0);
  const tail: Buffer[] = [];
  let tailSize = 0;
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new TooLarge(`Files up to ${limit} bytes`);
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
      tail.push(chunk);
      tailSize += chunk.length;
      // Only as many chunks as cover the last TAIL_BYTES are kept.
      while (tail.length > 1 && tailSize - tail[0]!.length >= TAIL_BYTES) tailSize -= tail.shift()!.length;
      scan.push(chunk);
      await file.write(chunk);
    }
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(path, { force: true });
    // What is left of the body is read and dropped, so the answer can go out on the same connection.
    body.resume();
    throw error;
  }
  await file.close();
  const last = Buffer.concat(tail);
  return { path, head, tail: last.subarray(Math.max(0, last.length - TAIL_BYTES)), size, text: scan.end() };
}

/**
 * Removes files in `dir` that have not grown since `cutoff`: left by a
 * process that stopped while receiving them (a live upload writes every few
 * milliseconds, and Node gives up on a silent request after minutes).
 * Resolves with how many went.
 */
export async function removeStalledIncoming(dir: string, cutoff: number): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const path = join(dir, name);
    const found = await stat(path).catch(() => null);
    if (!found?.isFile() || found.mtimeMs >= cutoff) continue;
    await rm(path, { force: true });
    removed += 1;
  }
  return removed;
}

/** Forces a received file's bytes to disk, before it is kept as it is. */
export async function flushFile(path: string): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}
