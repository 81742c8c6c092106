import { describe, expect, it } from 'vitest';
import { stripJpegMetadata } from './jpeg-metadata.ts';
import { GPS_TEXT, JPEG_STRIPPED, JPEG_WITH_EXIF, segment } from './picture-fixtures.ts';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('stripJpegMetadata', () => {
  it('drops EXIF, XMP, IPTC and comments, also between scans, and keeps every other byte in order', () => {
    const out = stripJpegMetadata(JPEG_WITH_EXIF)!;
    expect(Buffer.from(out).equals(JPEG_STRIPPED)).toBe(true);
    expect(text(out)).not.toContain('Exif');
    expect(text(out)).not.toContain(GPS_TEXT);
    expect(text(out)).not.toContain('Barcelona');
    expect(text(out)).toContain('ICC_PROFILE');
  });

  it('leaves a JPEG with no metadata byte for byte as it was', () => {
    expect(Buffer.from(stripJpegMetadata(JPEG_STRIPPED)!).equals(JPEG_STRIPPED)).toBe(true);
  });

  it('drops whatever follows the end of the image (phone trailers)', () => {
    const trailer = Buffer.concat([JPEG_STRIPPED, Buffer.from(`trailer ${GPS_TEXT}`)]);
    expect(Buffer.from(stripJpegMetadata(trailer)!).equals(JPEG_STRIPPED)).toBe(true);
  });

  it('refuses bytes whose segments cannot be walked: no SOI, a length past the end, no end of image', () => {
    expect(stripJpegMetadata(Buffer.from('not a jpeg'))).toBeNull();
    const soi = Buffer.from([0xff, 0xd8]);
    expect(stripJpegMetadata(Buffer.concat([soi, Buffer.from([0xff, 0xe1, 0xff, 0xff, 0x00])]))).toBeNull();
    expect(stripJpegMetadata(Buffer.concat([soi, segment(0xe0, 'JFIF\0')]))).toBeNull();
    expect(stripJpegMetadata(Buffer.concat([soi, Buffer.from([0x00, 0x01, 0x02, 0x03])]))).toBeNull();
  });
});
