import type { AttachmentType } from '@mostrador/shared';

/** What the bytes are: a type the product knows, or why they are refused. */
export type Sniffed = { ok: true; mime: string; type: AttachmentType } | { ok: false; reason: 'executable' | 'markup' | 'unknown' };

const OFFICE: ReadonlyArray<[marker: string, mime: string]> = [
  ['word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];
/** How far browsers look when they sniff (512 bytes, 1445 for some): markup there is refused whatever the magic says. */
const SNIFF_WINDOW = 2048;
/** Markup a browser would run if it ever read the file as HTML, SVG or XML. */
const MARKUP = /<(?:!doctype|html|head|body|script|iframe|svg|object|embed|\?xml)[\s>/]/i;

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, Math.min(to, bytes.length) - from)).toString('latin1');
}

function isExecutable(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, [0x4d, 0x5a]) || // MZ: Windows PE, DOS
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O fat binary, Java class
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(bytes, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0x00, 0x61, 0x73, 0x6d]) || // WebAssembly
    startsWith(bytes, [0x23, 0x21]) // #! scripts
  );
}

function byMagic(bytes: Uint8Array): { mime: string; type: AttachmentType } | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', type: 'image' };
  // A PNG's first chunk is always IHDR: a bare signature followed by anything else is not a picture.
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && ascii(bytes, 12, 16) === 'IHDR') {
    return { mime: 'image/png', type: 'image' };
  }
  const head = ascii(bytes, 0, 16);
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return { mime: 'image/gif', type: 'image' };
  if (head.startsWith('RIFF') && head.slice(8, 15) === 'WEBPVP8') return { mime: 'image/webp', type: 'image' };
  if (head.startsWith('%PDF-')) return { mime: 'application/pdf', type: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipKind(bytes);
  return null;
}

/** A zip, or the Office document inside one (its central directory, at the end, names the parts). */
function zipKind(bytes: Uint8Array): { mime: string; type: AttachmentType } {
  const odf = ascii(bytes, 30, 100);
  if (odf.startsWith('mimetypeapplication/vnd.oasis.opendocument.')) {
    return { mime: odf.slice(8).replace(/[^a-z0-9.+/-].*$/, ''), type: 'office' };
  }
  const tail = ascii(bytes, Math.max(0, bytes.length - 65_536), bytes.length);
  if (tail.includes('[Content_Types].xml')) {
    for (const [marker, mime] of OFFICE) if (tail.includes(marker)) return { mime, type: 'office' };
  }
  return { mime: 'application/zip', type: 'archive' };
}

/** Plain text: valid UTF-8 without NUL bytes, and nothing a browser could take for markup. */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides a file's type from its bytes alone, never its name or declared type.
 * Markup in the first bytes (where browsers sniff) is refused whatever comes
 * first, so a PNG signature followed by HTML, or a polyglot, never passes as a
 * picture; SVG, HTML and XML are refused outright, as are executables.
 */
export function sniff(bytes: Uint8Array): Sniffed {
  if (isExecutable(bytes)) return { ok: false, reason: 'executable' };
  if (MARKUP.test(ascii(bytes, 0, SNIFF_WINDOW))) return { ok: false, reason: 'markup' };
  const known = byMagic(bytes);
  if (known) return { ok: true, ...known };
  if (bytes.length > 0 && isPlainText(bytes)) {
    // A text file is shown by whatever opens it: markup anywhere in it is refused.
    if (MARKUP.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'))) return { ok: false, reason: 'markup' };
    return { ok: true, mime: 'text/plain', type: 'text' };
  }
  return { ok: false, reason: 'unknown' };
}
