import { defineConfig } from 'vitest/config';
import { preactJsx } from './vite.config.ts';

export default defineConfig({
  oxc: preactJsx,
  test: {
    // See vitest.environment.mjs: jsdom, made loadable on Node 20.
    environment: './vitest.environment.mjs',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
