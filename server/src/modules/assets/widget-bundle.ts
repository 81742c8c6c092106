import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

export interface CompressedAsset {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

/**
 * Loads a widget file once and compresses it once at start-up, so serving it
 * to every page view of every shop costs a buffer write, not a compression.
 */
export function loadCompressedAsset(file: string): CompressedAsset | null {
  let identity: Buffer;
  try {
    identity = readFileSync(file);
  } catch {
    return null;
  }
  return {
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    brotli: brotliCompressSync(identity, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length },
    }),
  };
}

/** Picks the smallest encoding the client accepts. */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
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
