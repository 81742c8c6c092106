import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { build } from 'vite';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

function sizesOfBytes(bytes: Buffer): Sizes {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Sizes as a browser downloads them: gzip -9 and brotli 11, as the server sends them. */
export function sizesOf(file: string): Sizes {
  return sizesOfBytes(readFileSync(file));
}

/** Builds the floor (Preact + socket.io-client, nothing of ours) the way the widget is built, and sizes it. */
export async function floorSizes(): Promise<Sizes> {
  const root = dirname(fileURLToPath(import.meta.url));
  const out = mkdtempSync(join(tmpdir(), 'widget-floor-'));
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      root,
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir: out,
        emptyOutDir: true,
        minify: true,
        target: 'es2022',
        lib: { entry: join(root, 'widget-floor', 'entry.ts'), formats: ['iife'], name: 'Floor', fileName: () => 'floor.js' },
      },
    });
    return sizesOfBytes(readFileSync(join(out, 'floor.js')));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
