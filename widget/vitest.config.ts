import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** This package's folder, so `include` means the same whether run here or as a project from the repo root. */
const packageRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // The same JSX runtime as the build (see vite.config.ts), so tests render what ships.
  resolve: {
    alias: [{ find: /^preact\/jsx-runtime$/, replacement: fileURLToPath(new URL('./src/ui/jsxRuntime.ts', import.meta.url)) }],
  },
  root: packageRoot,
  test: {
    name: 'widget',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // jsdom renders slowly on a loaded 2-core machine; a timeout here only catches hangs.
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
});
