import { defineConfig } from 'vite';
import { widgetOutput, widgetResolve } from './build/shared.ts';

/**
 * The panel chunk: the chat logic, Preact, the UI and its CSS, as one ES
 * module at dist/chunks/panel-<hash>.js, which widget.js imports on the
 * first open or invitation. Self-contained (it imports nothing from
 * widget.js: what it needs is handed to mountPanel), so widget.js can stay a
 * classic script and each build is one chunk. Built first, by vite.config.ts.
 */
export default defineConfig({
  resolve: widgetResolve,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    copyPublicDir: false,
    modulePreload: false,
    rolldownOptions: {
      input: { panel: 'src/panel/mountPanel.tsx' },
      preserveEntrySignatures: 'exports-only',
      output: { ...widgetOutput, format: 'es', entryFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
