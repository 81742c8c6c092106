import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync, constants as zlib } from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip';

export interface CompressedAsset {
  etag: string;
  identity: Buffer;
  /** The body in an encoding the client accepts. */
  encoded(encoding: ContentEncoding): Buffer;
}

const SUFFIX: Record<ContentEncoding, string> = { gzip: '.gz', br: '.br' };

const decode: Record<ContentEncoding, (body: Buffer) => Buffer> = { gzip: gunzipSync, br: brotliDecompressSync };

const compress: Record<ContentEncoding, (identity: Buffer) => Buffer> = {
  gzip: (identity) => gzipSync(identity, { level: 9 }),
  br: (identity) =>
    brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
};

/**
 * The build's own compression of a file (`<file>.gz`, `<file>.br`, see
 * widget/build/precompress.ts), only if it decodes to the file as it is
 * now: a file rebuilt without it, or a copy left from another build, is
 * never served for this one. Decoding costs well under a millisecond.
 */
function fromBuild(file: string, identity: Buffer, encoding: ContentEncoding): Buffer | null {
  try {
    const body = readFileSync(file + SUFFIX[encoding]);
    return decode[encoding](body).equals(identity) ? body : null;
  } catch {
    return null;
  }
}

/**
 * Loads a widget file once. Its compressed bodies come from the build;
 * without them, each encoding is compressed on its first request and kept,
 * so serving the widget to every page view of every shop costs a buffer
 * write, and starting a server costs no compression (brotli's best quality
 * takes hundreds of milliseconds for the panel chunk, paid by every test
 * app and every cluster node that started with it).
 */
export function loadCompressedAsset(file: string): CompressedAsset | null {
  let identity: Buffer;
  try {
    identity = readFileSync(file);
  } catch {
    return null;
  }
  const bodies = new Map<ContentEncoding, Buffer>();
  for (const encoding of ['gzip', 'br'] as const) {
    const built = fromBuild(file, identity, encoding);
    if (built) bodies.set(encoding, built);
  }
  return {
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
    identity,
    encoded(encoding) {
      let body = bodies.get(encoding);
      if (!body) {
        body = compress[encoding](identity);
        bodies.set(encoding, body);
      }
      return body;
    },
  };
}

/** Picks the smallest encoding the client accepts. */
export function pickEncoding(acceptEncoding: string | undefined): ContentEncoding | 'identity' {
  const accepted = (acceptEncoding ?? '').toLowerCase();
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return 'identity';
}

/** The widget's language catalogues (`i18n/<lang>.<hash>.json` beside widget.js), by file name. */
export function loadCatalogues(dir: string): Map<string, CompressedAsset> {
  return loadHashedFiles(dir, /^[a-z]{2}\.[0-9a-f]{10}\.json$/);
}

/** The widget's script chunks (`chunks/panel-<hash>.js` beside widget.js, imported by it on demand), by file name. */
export function loadChunks(dir: string): Map<string, CompressedAsset> {
  return loadHashedFiles(dir, /^[a-z]+-[A-Za-z0-9_-]{8}\.js$/);
}

/** The files of `dir` whose names (content-hashed by the build) match `pattern`: nothing else is ever served from it. */
function loadHashedFiles(dir: string, pattern: RegExp): Map<string, CompressedAsset> {
  const found = new Map<string, CompressedAsset>();
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const asset = loadCompressedAsset(join(dir, name));
    if (asset) found.set(name, asset);
  }
  return found;
}
