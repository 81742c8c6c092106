import { defineConfig, type Plugin } from 'vite';

/**
 * Socket.IO modules the widget never needs, replaced by tiny stand-ins to
 * keep the bundle inside its size budget. Keyed by the importer's package and
 * the import specifier.
 */
const STUBS: { pkg: string; source: string; code: string }[] = [
  // engine.io-client always bundles its WebTransport transport (and the stream
  // codecs it needs), though we only ever ask for 'websocket' and 'polling'.
  { pkg: 'engine.io-client', source: './webtransport.js', code: 'export class WT {}' },
  // The visitor contract is JSON both ways: no packet ever carries binary
  // attachments, so the parser's search for and splicing of buffers is dead
  // weight. (A binary packet from the server would not be understood.)
  {
    pkg: 'socket.io-parser',
    source: './is-binary.js',
    code: 'export const isBinary = () => false; export const hasBinary = () => false;',
  },
  // Nor does engine.io ever carry a base64-encoded binary frame to us.
  {
    pkg: 'engine.io-parser',
    source: './contrib/base64-arraybuffer.js',
    code: 'export const encode = () => ""; export const decode = () => new ArrayBuffer(0);',
  },
  {
    pkg: 'socket.io-parser',
    source: './binary.js',
    code: 'export const deconstructPacket = (packet) => ({ packet, buffers: [] }); export const reconstructPacket = (packet) => packet;',
  },
];
const STUB_PREFIX = '\0mostrador:stub:';

/**
 * Long messages for situations our own server rules out, shortened. A
 * rewrite that no longer matches (after an upgrade) warns, so it is noticed.
 */
const SHORTENED: { file: string; from: string; to: string }[] = [
  {
    file: '/socket.io-client/build/esm/socket.js',
    from: '"It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client, but they are not compatible (more information here: https://socket.io/docs/v3/migrating-from-2-x-to-3-0/)"',
    to: '"Socket.IO v2 server"',
  },
];

function stubUnusedModules(): Plugin {
  return {
    name: 'mostrador:stub-unused-modules',
    enforce: 'pre',
    transform(code, id) {
      let changed = code;
      for (const { file, from, to } of SHORTENED) {
        if (!id.endsWith(file)) continue;
        if (changed.includes(from)) changed = changed.replace(from, to);
        else this.warn(`expected text not found in ${id}: ${from.slice(0, 40)}…`);
      }
      return changed === code ? null : { code: changed, map: null };
    },
    resolveId(source, importer) {
      const index = STUBS.findIndex((stub) => stub.source === source && importer?.includes(`/${stub.pkg}/`));
      return index === -1 ? null : STUB_PREFIX + index;
    },
    load(id) {
      return id.startsWith(STUB_PREFIX) ? STUBS[Number(id.slice(STUB_PREFIX.length))]!.code : null;
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
  plugins: [stubUnusedModules()],
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
