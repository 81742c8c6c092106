import { defineConfig } from 'vitest/config';
import { preactJsx } from './vite.config.ts';

export default defineConfig({
  oxc: preactJsx,
  test: {
    name: 'console',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
