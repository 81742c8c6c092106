/** APP1 holds EXIF (GPS position, camera serial) and XMP; APP13 holds IPTC (place names); COM is free text. */
const DROPPED_MARKERS = new Set([0xe1, 0xed, 0xfe]);
/** Markers with no length after them: start of image, restarts, TEM. */
const STANDALONE = (marker: number) => marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
const START_OF_SCAN = 0xda;
const END_OF_IMAGE = 0xd9;

/**
 * A JPEG without its metadata segments (EXIF and XMP in APP1, IPTC in APP13,
 * comments), so where a photo was taken never leaves the server. Every other
 * segment (JFIF, the ICC colour profile, the Adobe marker, tables, frames,
 * scans) is copied as it is, in order; segments between a progressive JPEG's
 * scans are walked too. Null when the bytes are not a JPEG whose segments
 * can be walked to its end.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    // Any number of 0xFF fill bytes may come before a marker.
    let markerAt = at + 1;
    while (markerAt < bytes.length && bytes[markerAt] === 0xff) markerAt++;
    if (markerAt >= bytes.length) return null;
    const marker = bytes[markerAt]!;
    if (marker === END_OF_IMAGE) {
      kept.push(bytes.subarray(markerAt - 1, markerAt + 1));
      return concat(kept);
    }
    if (STANDALONE(marker)) {
      kept.push(bytes.subarray(markerAt - 1, markerAt + 1));
      at = markerAt + 1;
      continue;
    }
    if (markerAt + 2 >= bytes.length) return null;
    const length = (bytes[markerAt + 1]! << 8) | bytes[markerAt + 2]!;
    const end = markerAt + 1 + length;
    if (length < 2 || end > bytes.length) return null;
    if (DROPPED_MARKERS.has(marker)) {
      at = end;
      continue;
    }
    // A scan's compressed data follows its header, up to the next real marker (progressive JPEGs have several).
    const next = marker === START_OF_SCAN ? endOfScan(bytes, end) : end;
    kept.push(bytes.subarray(markerAt - 1, next));
    at = next;
  }
  return null;
}

/** Where compressed data ends: the first 0xFF that is neither a stuffed 0xFF00 nor a restart marker. */
function endOfScan(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1]!;
    if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return i;
  }
  return bytes.length;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
