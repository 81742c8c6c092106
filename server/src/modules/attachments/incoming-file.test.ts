import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { receiveFile, TooLarge } from './incoming-file.ts';
import { partsOf, sniffParts } from './sniff.ts';
import { pdf, svg } from './test-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'mostrador-incoming-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bytes as a body arriving in chunks of `size`. */
const chunked = (bytes: Buffer, size: number) =>
  Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));

describe('receiveFile', () => {
  it('writes the body to a file as it arrives, and reads of it what sniffing the whole file would', async () => {
    // An Office document's parts are named at its end; text checks run over every chunk.
    const docx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(200_000, 7),
      Buffer.from('[Content_Types].xml word/document.xml'),
    ]);
    const text = Buffer.from(`${'Comanda 1042, talla M. Gràcies! '.repeat(3000)}`);
    const markupAcrossChunks = Buffer.from(`${'a'.repeat(4093)}<script>alert(1)</script>`);
    const accentCut = Buffer.from(`${'b'.repeat(4095)}à${'c'.repeat(10)}`);
    for (const bytes of [docx, text, markupAcrossChunks, accentCut, pdf(), svg()]) {
      for (const size of [1, 7, 4096, 65_536]) {
        if (size === 1 && bytes.length > 20_000) continue;
        const received = await receiveFile(chunked(bytes, size), dir, 1_000_000);
        expect(readFileSync(received.path).equals(bytes)).toBe(true);
        expect(received.size).toBe(bytes.length);
        expect(sniffParts(received)).toEqual(sniffParts(partsOf(bytes)));
        rmSync(received.path);
      }
    }
    expect(sniffParts(partsOf(docx))).toMatchObject({ ok: true, type: 'office' });
    expect(sniffParts(partsOf(text))).toEqual({ ok: true, mime: 'text/plain', type: 'text' });
    expect(sniffParts(partsOf(markupAcrossChunks))).toEqual({ ok: false, reason: 'markup' });
    expect(sniffParts(partsOf(accentCut))).toEqual({ ok: true, mime: 'text/plain', type: 'text' });
    // A UTF-8 sequence cut off at the very end is not text, however the chunks fell.
    const cutAtEnd = Buffer.concat([Buffer.from('Gràcies '), Buffer.from([0xc3])]);
    for (const size of [1, 4, 100]) {
      const received = await receiveFile(chunked(cutAtEnd, size), dir, 1_000);
      expect(sniffParts(received)).toEqual({ ok: false, reason: 'unknown' });
      rmSync(received.path);
    }
  });

  it('stops past the limit and keeps nothing of the body', async () => {
    await expect(receiveFile(chunked(Buffer.alloc(10_001, 1), 1000), dir, 10_000)).rejects.toBeInstanceOf(TooLarge);
    expect(readdirSync(dir)).toEqual([]);
    const exact = await receiveFile(chunked(Buffer.alloc(10_000, 1), 1000), dir, 10_000);
    expect(exact.size).toBe(10_000);
    rmSync(exact.path);
  });

  it('removes what it wrote when the body fails half way, as when the shopper goes away', async () => {
    const body = new PassThrough();
    const receiving = receiveFile(body, dir, 1_000_000);
    body.write(Buffer.alloc(50_000, 2));
    await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(dir)).toHaveLength(1);
    body.destroy(new Error('aborted'));
    await expect(receiving).rejects.toThrow('aborted');
    expect(readdirSync(dir)).toEqual([]);
  });
});
