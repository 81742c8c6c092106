import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { trimSocketIo } from './build/trimSocketIo.ts';
import { catalogues } from './src/i18n/catalogues.ts';

/** Each language's messages as JSON, named by content so the server may let browsers cache them for good. */
const catalogueFiles = Object.entries(catalogues).map(([language, messages]) => {
  const json = JSON.stringify(messages);
  const hash = createHash('sha256').update(json).digest('hex').slice(0, 10);
  return { language, hash, fileName: `i18n/${language}.${hash}.json`, json };
});

function emitCatalogues(): Plugin {
  return {
    name: 'mostrador:catalogues',
    generateBundle() {
      for (const file of catalogueFiles) this.emitFile({ type: 'asset', fileName: file.fileName, source: file.json });
    },
  };
}

/**
 * Builds the embeddable widget: one self-contained IIFE at dist/widget.js,
 * and one small JSON catalogue per language in dist/i18n/ (each visitor
 * fetches only theirs). No CSS file (styles are imported `?inline` and
 * adopted inside the shadow root), no script chunks (shops load exactly one
 * script), and no global other than the `window.Mostrador` the entry
 * installs itself.
 */
export default defineConfig({
  plugins: [trimSocketIo(), emitCatalogues()],
  resolve: {
    // The widget's own JSON-only packet codec replaces socket.io-parser: same
    // text protocol, no binary attachments (the contract is JSON both ways).
    alias: [
      { find: /^socket\.io-parser$/, replacement: fileURLToPath(new URL('./src/transport/jsonParser.ts', import.meta.url)) },
      // JSX on Preact's createElement (see src/ui/jsxRuntime.ts).
      { find: /^preact\/jsx-runtime$/, replacement: fileURLToPath(new URL('./src/ui/jsxRuntime.ts', import.meta.url)) },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: {
    'process.env.NODE_ENV': JSON.stringify('production'),
    __MOSTRADOR_CATALOGUES__: JSON.stringify(Object.fromEntries(catalogueFiles.map((f) => [f.language, f.hash]))),
  },
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    cssCodeSplit: false,
    copyPublicDir: false,
    rolldownOptions: {
      output: {
        // Shops may serve us without `charset=utf-8` on a page that is not
        // UTF-8: escaped non-ASCII text ("línia", "…") survives any charset.
        charset: 'ascii',
        minify: {
          compress: true,
          mangle: true,
          // Socket.IO marks its private members with a leading underscore
          // (`_opts`, `_readyState`…), and Preact's own are already short:
          // shortening them inside the bundle saves ~270 bytes gzipped.
          // `_placeholder` is on the wire (binary attachments), so it stays.
          mangleProps: { include: /^_[a-zA-Z]/, reserved: ['_placeholder'], quoted: true },
        },
      },
    },
    lib: {
      entry: 'src/main.tsx',
      formats: ['iife'],
      // Required by IIFE lib mode; the entry exports nothing, so no global is assigned.
      name: 'MostradorWidget',
      fileName: () => 'widget.js',
    },
  },
});
