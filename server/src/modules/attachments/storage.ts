import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where attachments' bytes live, behind one interface: the local disk, or an
 * S3-compatible bucket (storage-s3.ts; cluster mode needs one every node
 * reaches). Keys are random and say nothing of the file's name or owner.
 */
export interface FileStorage {
  /** Stores the bytes under a new random key and returns it; done only once they are durably written. */
  put(bytes: Uint8Array): Promise<string>;
  /** A folder on this machine where uploads are received (`receiveFile`) before `adopt` takes them. */
  readonly incomingDir: string;
  /**
   * Stores a received file, already flushed, under a new random key and
   * returns it, taking the file over: moved into place, or sent and then
   * removed. Done only once the bytes are durably stored.
   */
  adopt(path: string): Promise<string>;
  /** The bytes of a key, or null when there is none. */
  open(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** Removes these keys; a missing one is not an error. */
  remove(keys: readonly string[]): Promise<void>;
  /**
   * Where a key's bytes are on this machine's disk, for a reader that can
   * take a file (sharp reads it in its own thread, with no copy in
   * JavaScript); null when there is none. Only stores on a local disk have it.
   */
  localPath?(key: string): Promise<string | null>;
}

const KEY = /^[A-Za-z0-9_-]{32}$/;

/** A new key: 24 random bytes, base64url. */
export const newStorageKey = () => randomBytes(24).toString('base64url');

/** Where a key's bytes go: fanned out by its first two characters. Anything but a key we made is refused. */
export function storagePath(key: string): string {
  if (!KEY.test(key)) throw new Error('not a storage key');
  return `${key.slice(0, 2)}/${key}`;
}

/** Files under one directory (`DATA_DIR/attachments`), fanned out by the key's first two characters. */
export class LocalDiskStorage implements FileStorage {
  /** On the same file system as the files, so adopting one is a rename. */
  readonly incomingDir: string;

  constructor(private readonly dir: string) {
    this.incomingDir = join(dir, '.incoming');
  }

  #path(key: string): string {
    return join(this.dir, storagePath(key));
  }

  async put(bytes: Uint8Array): Promise<string> {
    const key = newStorageKey();
    const path = this.#path(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    // Written aside, flushed, then renamed: a crash never leaves half a file under a key.
    const partial = `${path}.part`;
    await writeFile(partial, bytes, { flush: true });
    await rename(partial, path);
    return key;
  }

  async adopt(received: string): Promise<string> {
    const key = newStorageKey();
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    await rename(received, this.#path(key));
    return key;
  }

  async open(key: string): Promise<{ stream: Readable; size: number } | null> {
    const path = this.#path(key);
    const found = await stat(path).catch(() => null);
    return found ? { stream: createReadStream(path), size: found.size } : null;
  }

  async remove(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(this.#path(key), { force: true })));
  }

  async localPath(key: string): Promise<string | null> {
    const path = this.#path(key);
    return (await stat(path).catch(() => null)) ? path : null;
  }
}
