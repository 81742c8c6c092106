import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stripMetadata } from './metadata.ts';
import { PictureStripper } from './picture-stripper.ts';
import { jpegWithGps } from './test-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'mostrador-pictures-'));
const stripper = new PictureStripper();
afterAll(async () => {
  await stripper.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('PictureStripper', () => {
  it('writes the picture without its metadata in a worker thread, as stripping it in memory would', async () => {
    const photo = jpegWithGps();
    const from = join(dir, 'photo.jpg');
    writeFileSync(from, photo);
    const sizes = await Promise.all([1, 2, 3].map((n) => stripper.strip('image/jpeg', from, join(dir, `clean-${n}.jpg`))));
    const expected = stripMetadata('image/jpeg', photo);
    expect(sizes).toEqual([expected.length, expected.length, expected.length]);
    expect(readFileSync(join(dir, 'clean-2.jpg')).equals(expected)).toBe(true);
    expect(readFileSync(join(dir, 'clean-2.jpg')).includes(Buffer.from('GPS'))).toBe(false);
  });

  it('answers null for a picture it cannot walk, fails on a file it cannot read, and goes on after both', async () => {
    const broken = join(dir, 'broken.jpg');
    writeFileSync(broken, Buffer.from([0xff, 0xd8, 0x00, 0x00, 0x00, 0x00, 0x00]));
    expect(await stripper.strip('image/jpeg', broken, join(dir, 'broken-clean.jpg'))).toBeNull();
    await expect(stripper.strip('image/jpeg', join(dir, 'missing.jpg'), join(dir, 'x.jpg'))).rejects.toThrow(/ENOENT/);
    const from = join(dir, 'again.jpg');
    writeFileSync(from, jpegWithGps());
    expect(await stripper.strip('image/jpeg', from, join(dir, 'again-clean.jpg'))).toBe(stripMetadata('image/jpeg', jpegWithGps()).length);
  });

  it('starts a new worker after it was closed, failing only what the closed one held', async () => {
    const from = join(dir, 'photo-3.jpg');
    writeFileSync(from, jpegWithGps());
    const held = expect(stripper.strip('image/jpeg', from, join(dir, 'held.jpg'))).rejects.toThrow('closed');
    await stripper.close();
    await held;
    expect(await stripper.strip('image/jpeg', from, join(dir, 'after.jpg'))).toBe(stripMetadata('image/jpeg', jpegWithGps()).length);
  });
});
