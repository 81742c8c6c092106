import { defineConfig } from 'vitest/config';

/** Lets the lockfile's jsdom (Node 22+) run on the Node 20 this project's machines have. */
const node20Compat = decodeURIComponent(new URL('./test-support/node20-compat.cjs', import.meta.url).pathname);

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    name: 'widget',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    execArgv: ['--require', node20Compat],
    restoreMocks: true,
  },
});
