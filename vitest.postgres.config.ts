import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:postgres`, the second pass of `bash scripts/run.sh test`: the
 * server and tests projects again, every test app on a fresh PostgreSQL
 * database of its own (TEST_ENGINE=postgres, read by
 * server/src/testing/harness.ts). Contract tests of repositories run on both
 * engines in either pass. Left out here: the browser tests, which test the
 * built widget and console in Chromium (the server code under them is what
 * the two projects run on PostgreSQL), and the guardrails, which lint
 * fixtures and never start an app.
 */
const onPostgres = { env: { TEST_ENGINE: 'postgres' } };

export default defineConfig({
  test: {
    projects: [
      { extends: './server/vitest.config.ts', test: { name: 'server', root: './server', ...onPostgres } },
      {
        extends: './tests/vitest.config.ts',
        test: {
          name: 'tests',
          root: './tests',
          exclude: ['**/node_modules/**', 'browser/**', 'guardrails/**', 'cluster/**'],
          ...onPostgres,
        },
      },
    ],
  },
});
