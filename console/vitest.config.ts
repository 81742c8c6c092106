import { defineConfig } from 'vitest/config';
import { preactJsx } from './vite.config.ts';

export default defineConfig({
  oxc: preactJsx,
  test: {
    name: 'console',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    // Rendering a page in jsdom takes 5-8 s on a loaded 2-core machine; the default 5 s failed there.
    testTimeout: 15_000,
  },
});
