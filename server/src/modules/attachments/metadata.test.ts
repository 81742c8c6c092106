import { describe, expect, it } from 'vitest';
import { exifOrientation, stripJpeg, stripPng } from './metadata.ts';
import { jpegWithGps, png } from './test-files.ts';

/** The APP1 segments of a JPEG, each without its marker and length. */
function app1Segments(jpeg: Buffer): Buffer[] {
  const found: Buffer[] = [];
  for (let at = 2; at + 4 <= jpeg.length && jpeg[at + 1] !== 0xda; ) {
    const length = jpeg.readUInt16BE(at + 2);
    if (jpeg[at + 1] === 0xe1) found.push(jpeg.subarray(at + 4, at + 2 + length));
    at += 2 + length;
  }
  return found;
}

describe('photo metadata', () => {
  it('strips a JPEG of its GPS position, XMP and comment, and keeps its orientation in an EXIF block of its own', () => {
    const original = jpegWithGps(6);
    const clean = stripJpeg(original);
    expect(clean.includes('GPS-41.3851N')).toBe(false);
    expect(clean.includes('Carrer de Mallorca')).toBe(false);
    expect(clean.includes('taken at home')).toBe(false);
    const exif = app1Segments(clean);
    expect(exif).toHaveLength(1);
    expect(exifOrientation(exif[0]!)).toBe(6);
    // One IFD entry (orientation) and nothing else: no pointer to a GPS block.
    expect(exif[0]!.length).toBe(6 + 26);
    // The picture itself is untouched.
    expect(clean.subarray(clean.indexOf(Buffer.from([0xff, 0xda])))).toEqual(
      original.subarray(original.indexOf(Buffer.from([0xff, 0xda]))),
    );
  });

  it('adds no EXIF block to an upright JPEG', () => {
    expect(app1Segments(stripJpeg(jpegWithGps(1)))).toHaveLength(0);
  });

  it('drops a PNG’s eXIf and text chunks and keeps the picture', () => {
    const clean = stripPng(png(true));
    expect(clean.includes('eXIf')).toBe(false);
    expect(clean.includes('Barcelona')).toBe(false);
    expect(clean).toEqual(png(false));
  });
});
