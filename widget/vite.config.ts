import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { catalogues } from './src/i18n/catalogues.ts';

/**
 * engine.io-client carries its own URI parser (a large regular expression,
 * written for platforms without `URL`). The widget runs only where `URL`
 * exists, so the same fields come from it. Its callers read source, protocol
 * (without the colon), host (IPv6 without brackets), port ('' for the
 * default), path, query and queryKey.
 */
const URL_PARSE = `export function parse(source) {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\\/\\//i.test(source) ? source : 'http://' + source);
  const queryKey = {};
  url.searchParams.forEach((value, key) => { queryKey[key] = value; });
  return { source, protocol: url.protocol.slice(0, -1), host: url.hostname.replace(/^\\[|\\]$/g, ''), port: url.port,
    path: url.pathname, query: url.search.slice(1), queryKey };
}`;
/**
 * Socket.IO modules the widget never needs, replaced by tiny stand-ins to
 * keep the bundle inside its size budget. Keyed by the importer's package and
 * the import specifier.
 */
const STUBS: { pkg: string; source: string; code: string }[] = [
  // engine.io-client always bundles its WebTransport transport (and the stream
  // codecs it needs), though we only ever ask for 'websocket'.
  { pkg: 'engine.io-client', source: './webtransport.js', code: 'export class WT {}' },
  // Nor long-polling: the widget connects over WebSocket only (see socketTransport.ts).
  // (polling-xhr.js probes XMLHttpRequest when it loads, so it must be cut at every import.)
  { pkg: 'engine.io-client', source: './polling-xhr.node.js', code: 'export class XHR {}' },
  { pkg: 'engine.io-client', source: './transports/polling-xhr.js', code: 'export class XHR {}' },
  { pkg: 'engine.io-client', source: './transports/polling-xhr.node.js', code: 'export class XHR {}' },
  { pkg: 'engine.io-client', source: './transports/polling-fetch.js', code: 'export class Fetch {}' },
  // Nor does engine.io ever carry a base64-encoded binary frame to us.
  {
    pkg: 'engine.io-parser',
    source: './contrib/base64-arraybuffer.js',
    code: 'export const encode = () => ""; export const decode = () => new ArrayBuffer(0);',
  },
  { pkg: 'engine.io-client', source: './contrib/parseuri.js', code: URL_PARSE },
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

/**
 * Methods of Socket.IO's classes the widget never calls, cut out (class
 * methods cannot be tree-shaken). Each was checked to have no caller inside
 * the libraries: the `onAny` family, `emitWithAck`, `compress` and `volatile`
 * are public API the widget does not use; `_probe` upgrades long-polling to
 * WebSocket, which never happens with `upgrade: false` (socketTransport.ts).
 * A method that is no longer found warns, so an upgrade is noticed.
 */
const UNUSED_METHODS: { file: string; methods: string[] }[] = [
  {
    file: '/socket.io-client/build/esm/socket.js',
    methods: [
      'emitWithAck',
      'compress',
      'get volatile',
      'onAny',
      'prependAny',
      'offAny',
      'listenersAny',
      'onAnyOutgoing',
      'prependAnyOutgoing',
      'offAnyOutgoing',
      'listenersAnyOutgoing',
    ],
  },
  { file: '/engine.io-client/build/esm/socket.js', methods: ['_probe'] },
];

/** Cuts `    name(…) {` … `    }` (methods sit at four spaces in these builds, their bodies deeper). */
function withoutMethod(code: string, method: string): string | null {
  const start = code.indexOf(`\n    ${method}(`);
  if (start === -1) return null;
  const end = code.indexOf('\n    }\n', start);
  return end === -1 ? null : code.slice(0, start) + code.slice(end + '\n    }'.length);
}

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
      for (const { file, methods } of UNUSED_METHODS) {
        if (!id.endsWith(file)) continue;
        for (const method of methods) {
          const cut = withoutMethod(changed, method);
          if (cut === null) this.warn(`method ${method} not found in ${id}`);
          else changed = cut;
        }
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
  plugins: [stubUnusedModules(), emitCatalogues()],
  resolve: {
    // The widget's own JSON-only packet codec replaces socket.io-parser: same
    // text protocol, no binary attachments (the contract is JSON both ways).
    alias: [{ find: /^socket\.io-parser$/, replacement: fileURLToPath(new URL('./src/transport/jsonParser.ts', import.meta.url)) }],
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
