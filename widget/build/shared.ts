import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';

/** What both widget builds (widget.js and the panel chunk) share: JSX runtime, the Socket.IO parser swap, minify settings. */
export const widgetResolve: UserConfig['resolve'] = {
  // The widget's own JSON-only packet codec replaces socket.io-parser: same
  // text protocol, no binary attachments (the contract is JSON both ways).
  alias: [
    { find: /^socket\.io-parser$/, replacement: fileURLToPath(new URL('../src/transport/jsonParser.ts', import.meta.url)) },
    // The event emitter under Socket.IO's client, as a class at half its bytes (src/transport/emitter.ts).
    { find: /^@socket\.io\/component-emitter$/, replacement: fileURLToPath(new URL('../src/transport/emitter.ts', import.meta.url)) },
    // JSX on Preact's createElement (see src/ui/jsxRuntime.ts).
    { find: /^preact\/jsx-runtime$/, replacement: fileURLToPath(new URL('../src/ui/jsxRuntime.ts', import.meta.url)) },
  ],
};

type OutputOptions = Exclude<NonNullable<NonNullable<UserConfig['build']>['rolldownOptions']>['output'], unknown[] | undefined>;

/**
 * The output options of every widget build. `exactNames`: more property names
 * to shorten in this build, exactly as written (widget.js passes Socket.IO's
 * internal ones, build/trimSocketIo.ts); safe only for names no other build
 * and no wire format shares.
 */
export function widgetOutput(exactNames: readonly string[] = []): OutputOptions {
  return {
    // Shops may serve us without `charset=utf-8` on a page that is not
    // UTF-8: escaped non-ASCII text ("línia", "…") survives any charset.
    charset: 'ascii',
    minify: {
      compress: true,
      mangle: true,
      // Socket.IO marks its private members with a leading underscore
      // (`_opts`, `_readyState`…), and Preact's own are already short:
      // shortening them inside each bundle saves ~270 bytes gzipped.
      // `_placeholder` is on the wire (binary attachments), so it stays.
      // Each build is one chunk, which property mangling needs.
      mangleProps: {
        include: exactNames.length ? new RegExp(`^(_[a-zA-Z].*|${exactNames.join('|')})$`) : /^_[a-zA-Z]/,
        reserved: ['_placeholder'],
        quoted: true,
      },
    },
  };
}
