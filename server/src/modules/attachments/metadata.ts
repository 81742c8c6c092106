/**
 * Removes what a photo says about where and when it was taken before anyone
 * else sees it: EXIF (with its GPS block), XMP, IPTC and comments in JPEG;
 * eXIf and text chunks in PNG; EXIF and XMP chunks in WebP. A JPEG keeps
 * its orientation, in a minimal EXIF block of its own, so a phone's
 * upright photo stays upright. Anything it cannot walk is returned as it was
 * only when it holds no such block; see `stripMetadata`.
 */

/** A minimal EXIF APP1 segment holding only the orientation tag (big-endian TIFF). */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.from([
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // MM, 42, first IFD at 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    orientation,
    0x00,
    0x00, // Orientation, SHORT, 1, value
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** The orientation (1–8) an EXIF block holds in its first IFD, or null. */
export function exifOrientation(exif: Buffer): number | null {
  if (exif.length < 14 || exif.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const tiff = exif.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** JPEG: drops APP1 (EXIF, XMP), APP13 (IPTC) and comments; keeps the orientation. */
export function stripJpeg(input: Buffer): Buffer {
  const kept: Buffer[] = [input.subarray(0, 2)];
  let orientation: number | null = null;
  let at = 2;
  while (at + 4 <= input.length) {
    if (input[at] !== 0xff) throw new Error('broken JPEG segment');
    const marker = input[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // start of scan: the picture itself follows
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      kept.push(input.subarray(at, at + 2));
      at += 2;
      continue;
    }
    const length = input.readUInt16BE(at + 2);
    const segment = input.subarray(at, at + 2 + length);
    if (marker === 0xe1) orientation ??= exifOrientation(segment.subarray(4));
    if (marker !== 0xe1 && marker !== 0xed && marker !== 0xfe) kept.push(segment);
    at += 2 + length;
  }
  if (orientation !== null && orientation !== 1) kept.splice(1, 0, orientationSegment(orientation));
  kept.push(input.subarray(at));
  return Buffer.concat(kept);
}

const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/** PNG: drops the EXIF and text chunks; each chunk carries its own CRC, so the rest stays valid. */
export function stripPng(input: Buffer): Buffer {
  const kept: Buffer[] = [input.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= input.length) {
    const length = input.readUInt32BE(at);
    const type = input.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (!PNG_DROPPED.has(type)) kept.push(input.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(kept);
}

/** WebP: drops the EXIF and XMP chunks, clears their flags in VP8X, and fixes the RIFF size. */
export function stripWebp(input: Buffer): Buffer {
  const kept: Buffer[] = [];
  let at = 12;
  while (at + 8 <= input.length) {
    const type = input.toString('latin1', at, at + 4);
    const size = input.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = Buffer.from(input.subarray(at, end));
      if (type === 'VP8X') chunk[8] = chunk[8]! & ~0x0c;
      kept.push(chunk);
    }
    at = end;
  }
  const body = Buffer.concat(kept);
  const header = Buffer.from(input.subarray(0, 12));
  header.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([header, body]);
}

/** Whether `stripMetadata` changes files of this type (a GIF, a PDF, text… are kept as they are). */
export const hasMetadataToStrip = (mime: string) => mime === 'image/jpeg' || mime === 'image/png' || mime === 'image/webp';

/** The file as others will see it: images without their metadata; anything else unchanged. */
export function stripMetadata(mime: string, input: Buffer): Buffer {
  if (mime === 'image/jpeg') return stripJpeg(input);
  if (mime === 'image/png') return stripPng(input);
  if (mime === 'image/webp') return stripWebp(input);
  return input;
}
