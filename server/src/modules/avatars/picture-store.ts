import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where agent pictures' bytes live; names are random ids the store hands out, never anything a client chose. */
export interface PictureStore {
  /** Stores the bytes under a new random name and returns it. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes, or null when there is no such file (removed, or never written). */
  get(name: string): Promise<Buffer | null>;
  /** Removes the file; a missing one is not an error. */
  remove(name: string): Promise<void>;
}

/** 128 random bits, URL-safe: the picture's id in its public URL and its file name. */
export function newPictureName(): string {
  return randomBytes(16).toString('base64url');
}

const NAME = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Pictures as files in one folder (DATA_DIR/avatars). Written to a temporary
 * name first and renamed, so a reader never sees half a picture.
 */
export function fileStore(dir: string): PictureStore {
  const pathOf = (name: string) => {
    if (!NAME.test(name)) throw new Error('not a picture name');
    return join(dir, name);
  };
  let made: Promise<unknown> | null = null;
  return {
    async put(bytes) {
      made ??= mkdir(dir, { recursive: true, mode: 0o700 });
      await made;
      const name = newPictureName();
      const temporary = `${pathOf(name)}.part`;
      await writeFile(temporary, bytes, { mode: 0o600 });
      await rename(temporary, pathOf(name));
      return name;
    },
    async get(name) {
      return readFile(pathOf(name)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw err;
      });
    },
    async remove(name) {
      await rm(pathOf(name), { force: true });
    },
  };
}
