import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';
import type { Plugin } from 'vite';

/** What the chat server sends: the script, its chunks and the catalogues. */
const SERVED = /\.(js|json)$/;

/**
 * Writes `<file>.gz` and `<file>.br` beside every file the chat server sends,
 * once, at build time. gzip comes from Zopfli (@gfx/zopfli, Google's
 * exhaustive deflate in WebAssembly): ordinary gunzip reads it, and it is
 * about 3 % smaller than zlib's level 9, which counts against the widget's
 * before-interaction budget; at about a second per file it is far too slow
 * for a server to run. Brotli at its best quality costs hundreds of
 * milliseconds for the panel chunk. Done here, a server (or every test app,
 * or every node of a cluster) starts without compressing anything; the
 * server checks each file against its original before serving it
 * (server/src/modules/assets/widget-bundle.ts).
 */
export function precompress(dist: string): Plugin {
  return {
    name: 'mostrador:precompress',
    apply: 'build',
    async closeBundle() {
      const names = (await readdir(dist, { recursive: true })).filter((name) => SERVED.test(name));
      await Promise.all(
        names.map(async (name) => {
          const file = join(dist, name);
          const bytes = await readFile(file);
          const gzip = await gzipAsync(bytes, { numiterations: 15 });
          const brotli = brotliCompressSync(bytes, {
            params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
          });
          await Promise.all([writeFile(`${file}.gz`, gzip), writeFile(`${file}.br`, brotli)]);
        }),
      );
    },
  };
}
