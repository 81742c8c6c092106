import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

export interface WidgetBundle {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

/**
 * Loads the widget once and compresses it once at start-up, so serving it to
 * every page view of every shop costs a buffer write, not a compression.
 */
export function loadWidgetBundle(file: string): WidgetBundle | null {
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
