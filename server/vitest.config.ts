import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Each test builds a whole app and hashes passwords with scrypt: on a 2-core machine under heavy load a
    // set-up alone took over vitest's 10 s hook default. Timeouts only catch hangs here; speed is pnpm bench's.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
