import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import type { FileStorage } from './storage.ts';

/** For tests: what every FileStorage promises, run against each backend (storage.test.ts, storage-s3.test.ts). */
export function describeFileStorage(backend: string, storage: () => FileStorage) {
  const bytes = (words: string) => new TextEncoder().encode(words);

  describe(`${backend}: what every file storage promises`, () => {
    it('gives back the bytes it stored, with their size, under a new random key each time', async () => {
      const first = await storage().put(bytes('factura 2026-118'));
      const second = await storage().put(bytes('factura 2026-118'));
      expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(second).not.toBe(first);
      const opened = await storage().open(first);
      expect(opened?.size).toBe(16);
      expect(await text(opened!.stream)).toBe('factura 2026-118');
    });

    it('answers null for a key it never stored, and refuses anything that is not one of its keys', async () => {
      expect(await storage().open('A'.repeat(32))).toBeNull();
      await expect(storage().open('../../etc/passwd')).rejects.toThrow('not a storage key');
      await expect(storage().remove(['..'])).rejects.toThrow('not a storage key');
    });

    it('removes what it is asked to, a missing key being no error, and keeps the rest', async () => {
      const gone = await storage().put(bytes('a'));
      const kept = await storage().put(bytes('b'));
      await storage().remove([gone, 'B'.repeat(32)]);
      await storage().remove([]);
      expect(await storage().open(gone)).toBeNull();
      expect(await text((await storage().open(kept))!.stream)).toBe('b');
    });

    it('adopts a received file: its bytes under a new key, and the file gone from the incoming folder', async () => {
      await mkdir(storage().incomingDir, { recursive: true });
      const received = join(storage().incomingDir, 'rebut.part');
      await writeFile(received, 'albarà 2026-77');
      const key = await storage().adopt(received);
      expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(await text((await storage().open(key))!.stream)).toBe('albarà 2026-77');
      await expect(stat(received)).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });
}
