import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openKeptBytes } from './keptBytes.ts';

const bytesOf = (blob: Blob | null) =>
  blob
    ? new Promise<number[]>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve([...new Uint8Array(reader.result as ArrayBuffer)]);
        reader.readAsArrayBuffer(blob);
      })
    : null;

describe('kept bytes', () => {
  it('keeps a file’s bytes and type for the next page, which finds them by client id, until dropped', async () => {
    const origin = new IDBFactory();
    const page = (await openKeptBytes('mostrador:site:files', origin))!;
    await page.put('upload-1', 'a.png', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }));
    const next = (await openKeptBytes('mostrador:site:files', origin))!;
    const blob = await next.take('upload-1');
    expect([await bytesOf(blob), blob?.type]).toEqual([[1, 2, 3], 'image/png']);
    await next.drop('upload-1');
    expect(await next.take('upload-1')).toBeNull();
    expect(await next.take('never-kept')).toBeNull();
  });

  it('sweeps bytes nobody came back for within half an hour', async () => {
    const origin = new IDBFactory();
    const page = (await openKeptBytes('mostrador:site:files', origin))!;
    await page.put('upload-1', 'a.png', new Blob([new Uint8Array([1])]));
    const soon = (await openKeptBytes('mostrador:site:files', origin, Date.now() + 29 * 60_000))!;
    expect(await bytesOf(await soon.take('upload-1'))).toEqual([1]);
    const later = (await openKeptBytes('mostrador:site:files', origin, Date.now() + 31 * 60_000))!;
    expect(await later.take('upload-1')).toBeNull();
  });

  it('answers null where the browser has no IndexedDB or refuses it', async () => {
    expect(await openKeptBytes('x', undefined)).toBeNull();
    const refusing = {
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    expect(await openKeptBytes('x', refusing)).toBeNull();
  });
});
