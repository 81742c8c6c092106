import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';
import { build } from 'vite';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

/** Compressed as the widget's build compresses its files (widget/build/precompress.ts): Zopfli and brotli 11. */
async function sizesOfBytes(bytes: Buffer): Promise<Sizes> {
  return {
    raw: bytes.length,
    gzip: (await gzipAsync(bytes, { numiterations: 15 })).length,
    brotli: brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Sizes as the server sends them: the build's own `.gz` and `.br` beside the file, else compressed the same way here. */
export async function sizesOf(file: string): Promise<Sizes> {
  const bytes = readFileSync(file);
  if (!existsSync(`${file}.gz`) || !existsSync(`${file}.br`)) return sizesOfBytes(bytes);
  return { raw: bytes.length, gzip: readFileSync(`${file}.gz`).length, brotli: readFileSync(`${file}.br`).length };
}

/** Builds the floor (Preact + socket.io-client, nothing of ours) the way the widget is built, and sizes it, compressed the same way. */
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
    return await sizesOfBytes(readFileSync(join(out, 'floor.js')));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
