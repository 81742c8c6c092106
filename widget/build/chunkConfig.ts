import type { InlineConfig } from 'vite';
import { widgetOutput, widgetResolve } from './shared.ts';

/**
 * One chunk that widget.js (or the panel) imports on demand, as one ES module at
 * dist/chunks/<name>-<hash>.js: the panel (the chat logic, Preact, the UI
 * and its CSS), fetched on the first open or invitation; the files chunk
 * (showing and sending files), which the panel fetches on first use and
 * hands its own Preact (`extra.alias` points `preact` at
 * src/files/panelPreact.ts); the Shopify cart
 * adapter, fetched only on Shopify stores; the business-hours check, fetched
 * only for sites whose trigger rules have one. Each is self-contained (it
 * imports nothing from widget.js: what it needs is handed to its entry), so
 * widget.js can stay a classic script and each build is one chunk, which
 * property mangling needs. Built first, by vite.config.ts; the first empties
 * dist/.
 */
export function chunkConfig(
  name: string,
  entry: string,
  emptyOutDir: boolean,
  extra: { define?: Record<string, string>; alias?: Array<{ find: RegExp; replacement: string }> } = {},
): InlineConfig {
  return {
    configFile: false,
    resolve: { alias: [...(extra.alias ?? []), ...((widgetResolve?.alias as Array<{ find: RegExp; replacement: string }>) ?? [])] },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production'), ...extra.define },
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: 'dist',
      emptyOutDir,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      modulePreload: false,
      rolldownOptions: {
        input: { [name]: entry },
        preserveEntrySignatures: 'exports-only',
        output: { ...widgetOutput(), format: 'es', entryFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
}
