/**
 * Small pictures for tests, made byte by byte: a PNG and a WebP header, and
 * a JPEG whose segments say where it was taken (EXIF GPS in APP1, XMP, IPTC,
 * a comment), with a real scan (stuffed 0xFF00 and a restart marker).
 */
const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

/** A segment: marker, two-byte length (itself included), payload. */
export function segment(marker: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  return Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
}

export const PNG_BYTES = bytes(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0, 0, 0, 13],
  'IHDR',
  [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0],
);
export const WEBP_BYTES = bytes('RIFF', [26, 0, 0, 0], 'WEBPVP8L', [13, 0, 0, 0, 0x2f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

export const GPS_TEXT = 'GPSLatitude 41.3874 N';
const SOI = Buffer.from([0xff, 0xd8]);
const JFIF = segment(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0');
const ICC = segment(0xe2, 'ICC_PROFILE\0\x01\x01colour');
/** Tables, frame and a first scan whose data has a stuffed 0xFF00 and a restart marker. */
const IMAGE = [
  segment(0xdb, Buffer.alloc(65, 1)),
  segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
  segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
  Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]),
];
/** A second scan (progressive) and the end of the image. */
const LAST_SCAN = [segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])), Buffer.from([0x78, 0x9a]), Buffer.from([0xff, 0xd9])];

export const JPEG_WITH_EXIF = Buffer.concat([
  SOI,
  JFIF,
  segment(0xe1, `Exif\0\0MM\0*${GPS_TEXT}`),
  segment(0xe1, `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${GPS_TEXT}</x:xmpmeta>`),
  ICC,
  segment(0xed, 'Photoshop 3.0\x008BIM city Barcelona'),
  segment(0xfe, 'taken at home'),
  ...IMAGE,
  // A comment between the scans.
  segment(0xfe, `between scans ${GPS_TEXT}`),
  ...LAST_SCAN,
]);
/** The same JPEG as it should come out: JFIF, ICC, tables, frame and both scans, in order. */
export const JPEG_STRIPPED = Buffer.concat([SOI, JFIF, ICC, ...IMAGE, ...LAST_SCAN]);
