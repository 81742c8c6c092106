import { defineConfig, type Plugin } from 'vite';

const NO_WEBTRANSPORT = '\0mostrador:no-webtransport';

/**
 * engine.io-client always bundles its WebTransport transport (and the stream
 * codecs it needs), though we only ever ask for 'websocket' and 'polling'.
 * Swapping it for an empty class keeps the bundle inside its size budget.
 */
function dropWebTransport(): Plugin {
  return {
    name: 'mostrador:drop-webtransport',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './webtransport.js' && importer?.includes('engine.io-client')) return NO_WEBTRANSPORT;
      return null;
    },
    load(id) {
      return id === NO_WEBTRANSPORT ? 'export class WT {}' : null;
    },
  };
}

/**
 * Builds the embeddable widget: one self-contained IIFE at dist/widget.js.
 * No CSS file (styles are imported `?inline` and adopted inside the shadow
 * root), no chunks (shops load exactly one script), and no global other than
 * the `window.Mostrador` the entry installs itself.
 */
export default defineConfig({
  plugins: [dropWebTransport()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
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
      // Shops may serve us without `charset=utf-8` on a page that is not
      // UTF-8: escaped non-ASCII text ("línia", "…") survives any charset.
      output: { charset: 'ascii' },
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
