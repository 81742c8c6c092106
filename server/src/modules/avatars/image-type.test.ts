import { describe, expect, it } from 'vitest';
import { sniffPictureType } from './image-type.ts';
import { JPEG_WITH_EXIF, PNG_BYTES, WEBP_BYTES } from './picture-fixtures.ts';

describe('sniffPictureType', () => {
  it('tells PNG, JPEG and WebP from their first bytes', () => {
    expect(sniffPictureType(PNG_BYTES)).toBe('image/png');
    expect(sniffPictureType(JPEG_WITH_EXIF)).toBe('image/jpeg');
    expect(sniffPictureType(WEBP_BYTES)).toBe('image/webp');
  });

  it('refuses HTML, SVG, GIF, other RIFF files and bytes too short to tell', () => {
    expect(sniffPictureType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffPictureType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffPictureType(Buffer.from('GIF89a\x01\0\x01\0'))).toBeNull();
    expect(sniffPictureType(Buffer.from('RIFF\x10\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffPictureType(PNG_BYTES.subarray(0, 7))).toBeNull();
    expect(sniffPictureType(new Uint8Array())).toBeNull();
  });
});
