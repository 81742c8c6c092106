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

function byMagic(bytes: Uint8Array, tail: Uint8Array): { mime: string; type: AttachmentType } | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', type: 'image' };
  // A PNG's first chunk is always IHDR: a bare signature followed by anything else is not a picture.
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && ascii(bytes, 12, 16) === 'IHDR') {
    return { mime: 'image/png', type: 'image' };
  }
  const head = ascii(bytes, 0, 16);
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return { mime: 'image/gif', type: 'image' };
  if (head.startsWith('RIFF') && head.slice(8, 15) === 'WEBPVP8') return { mime: 'image/webp', type: 'image' };
  if (head.startsWith('%PDF-')) return { mime: 'application/pdf', type: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipKind(bytes, tail);
  return null;
}

/** A zip, or the Office document inside one (its central directory, at the end, names the parts). */
function zipKind(bytes: Uint8Array, tail: Uint8Array): { mime: string; type: AttachmentType } {
  const odf = ascii(bytes, 30, 100);
  if (odf.startsWith('mimetypeapplication/vnd.oasis.opendocument.')) {
    return { mime: odf.slice(8).replace(/[^a-z0-9.+/-].*$/, ''), type: 'office' };
  }
  const directory = ascii(tail, 0, tail.length);
  if (directory.includes('[Content_Types].xml')) {
    for (const [marker, mime] of OFFICE) if (directory.includes(marker)) return { mime, type: 'office' };
  }
  return { mime: 'application/zip', type: 'archive' };
}

/** The first bytes a decision reads: the magic numbers, an ODF's mimetype entry, and where browsers sniff for markup. */
export const HEAD_BYTES = SNIFF_WINDOW;
/** The last bytes a decision reads: a zip's central directory, which names an Office document's parts. */
export const TAIL_BYTES = 65_536;
/** Enough of the text before a chunk's end to find markup cut in two: longer than the longest tag MARKUP matches. */
const MARKUP_CARRY = 16;

/**
 * Whether a file, fed in chunks, is plain text a browser could not take for
 * markup: valid UTF-8, no NUL byte, no tag of MARKUP anywhere. Reads each
 * chunk once and keeps none, so a file of any size is judged as it arrives;
 * it stops decoding at the first sign of binary.
 */
export class TextScan {
  #decoder = new TextDecoder('utf-8', { fatal: true });
  #carry = '';
  #text = true;
  #markup = false;

  push(chunk: Uint8Array): void {
    if (!this.#text) return;
    if (chunk.includes(0)) return void (this.#text = false);
    this.#read(() => this.#decoder.decode(chunk, { stream: true }));
  }

  /** Ends the scan: a UTF-8 sequence cut off at the end is not text. */
  end(): { text: boolean; markup: boolean } {
    if (this.#text) this.#read(() => this.#decoder.decode());
    return { text: this.#text, markup: this.#text && this.#markup };
  }

  #read(decode: () => string): void {
    let decoded: string;
    try {
      decoded = decode();
    } catch {
      this.#text = false;
      return;
    }
    if (this.#markup) return;
    const seen = this.#carry + decoded;
    this.#markup = MARKUP.test(seen);
    this.#carry = seen.slice(-MARKUP_CARRY);
  }
}

/** What deciding a file's type reads of it: its first and last bytes, its size, and the text scan of all of it. */
export interface FileParts {
  head: Uint8Array;
  tail: Uint8Array;
  size: number;
  text: { text: boolean; markup: boolean };
}

/** A whole file's parts, for bytes already in memory. */
export function partsOf(bytes: Uint8Array): FileParts {
  const scan = new TextScan();
  scan.push(bytes);
  return {
    head: bytes.subarray(0, HEAD_BYTES),
    tail: bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)),
    size: bytes.length,
    text: scan.end(),
  };
}

/**
 * Decides a file's type from its bytes alone, never its name or declared type.
 * Markup in the first bytes (where browsers sniff) is refused whatever comes
 * first, so a PNG signature followed by HTML, or a polyglot, never passes as a
 * picture; SVG, HTML and XML are refused outright, as are executables.
 */
export function sniffParts({ head, tail, size, text }: FileParts): Sniffed {
  if (isExecutable(head)) return { ok: false, reason: 'executable' };
  if (MARKUP.test(ascii(head, 0, SNIFF_WINDOW))) return { ok: false, reason: 'markup' };
  const known = byMagic(head, tail);
  if (known) return { ok: true, ...known };
  if (size > 0 && text.text) {
    // A text file is shown by whatever opens it: markup anywhere in it is refused.
    if (text.markup) return { ok: false, reason: 'markup' };
    return { ok: true, mime: 'text/plain', type: 'text' };
  }
  return { ok: false, reason: 'unknown' };
}

/** `sniffParts` of a file already in memory. */
export const sniff = (bytes: Uint8Array): Sniffed => sniffParts(partsOf(bytes));
