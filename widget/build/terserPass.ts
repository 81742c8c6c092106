import { minify } from 'terser';
import type { Plugin } from 'vite';

/**
 * A second minifier over widget.js, after the bundler's own (oxc): terser's
 * compressor, two passes, folds what oxc leaves (sequences, conditionals,
 * inlined single-use functions), about 200 B of gzip, which widget.js's
 * before-interaction budget needs. Only the safe transforms: no `unsafe`
 * nor `pure_getters` (socket.io-client reads state through getters). Not
 * for the chunks: on the panel it measured larger.
 */
export function terserPass(): Plugin {
  return {
    name: 'mostrador:terser-pass',
    apply: 'build',
    async generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const result = await minify(file.code, {
          ecma: 2020,
          compress: { passes: 2, ecma: 2020 },
          mangle: true,
          // As the bundler's output: non-ASCII escaped, for shops that serve us without a charset.
          format: { ascii_only: true },
        });
        if (result.code === undefined) throw new Error(`terser produced nothing for ${file.fileName}`);
        file.code = result.code;
      }
    },
  };
}
