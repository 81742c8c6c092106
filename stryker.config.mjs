// @ts-check
/**
 * `pnpm mutate [target…]` runs StrykerJS over one core folder at a time (see
 * scripts/mutate.mjs); MUTATE_TARGET picks the folder. Each target runs only
 * the vitest projects whose tests cover it, and per-test coverage keeps each
 * mutant to the tests that reach it.
 */
/** @type {Record<string, { mutate: string[]; projects: string[]; tests?: string[] }>} */
const targets = {
  shared: { mutate: ['shared/src/**/*.ts'], projects: ['shared'] },
  'widget-chat': { mutate: ['widget/src/chat/**/*.ts'], projects: ['widget'] },
  // The server targets run the test files that exercise the folder (its own tests, the privacy
  // registry's export and erasure, and the cross-module tests in tests/), not the whole server
  // suite: nearly every server test creates a site, so per-test coverage alone would run most of
  // the suite for each mutant, hours on a 2-core machine. A mutant another test file would kill
  // counts as survived here, so the score is a lower bound of the whole suite's.
  conversations: {
    mutate: ['server/src/modules/conversations/**/*.ts'],
    projects: ['server', 'tests'],
    // Plus the other modules' socket tests that drive the conversations' rules through their own
    // features: files in messages, trigger invitations answered, proactive chats from the visitor
    // list, identity across devices, ratings, reply mails and emailed answers.
    tests: [
      'server/src/modules/conversations/**/*.test.ts',
      'server/src/modules/privacy/erase.test.ts',
      'tests/*.test.ts',
      'server/src/modules/attachments/attachments.socket.test.ts',
      'server/src/modules/attachments/attachments.discard.test.ts',
      'server/src/modules/attachments/attachments.routes.test.ts',
      'server/src/modules/triggers/triggers.socket.test.ts',
      'server/src/modules/visitors/visitors.socket.test.ts',
      'server/src/modules/visitors/identity.socket.test.ts',
      'server/src/modules/ratings/ratings.socket.test.ts',
      'server/src/modules/email/outbound-mail.test.ts',
      'server/src/modules/inbound-mail/smtp-listener.test.ts',
    ],
  },
  visitors: {
    mutate: ['server/src/modules/visitors/**/*.ts'],
    projects: ['server', 'tests'],
    tests: [
      'server/src/modules/visitors/**/*.test.ts',
      'server/src/modules/privacy/*.test.ts',
      'server/src/modules/conversations/visitor.socket.test.ts',
      'tests/edge-safety.test.ts',
      'tests/tenancy-matrix.test.ts',
    ],
  },
  triggers: {
    mutate: ['server/src/modules/triggers/**/*.ts'],
    projects: ['server', 'tests'],
    tests: ['server/src/modules/triggers/**/*.test.ts', 'server/src/modules/privacy/erase.test.ts'],
  },
};
const name = /** @type {keyof typeof targets} */ (process.env.MUTATE_TARGET ?? 'shared');
const target = targets[name];
if (!target) throw new Error(`MUTATE_TARGET must be one of ${Object.keys(targets).join(', ')}`);
// Read by vitest.mutate.config.ts in Stryker's test-runner processes, which inherit this environment.
process.env.MUTATE_PROJECTS = target.projects.join(',');
// MUTATE_TESTS (comma-separated globs from the repository root) overrides the target's test files.
process.env.MUTATE_TESTS ??= 'tests' in target ? target.tests.join(',') : '';

// MUTATE_REPORT names the report (and sandbox) of a partial run, so it does not replace the target's.
const report = process.env.MUTATE_REPORT ?? name;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // Named by path: under pnpm, Stryker's own `@stryker-mutator/*` glob does not see the runner.
  plugins: [import.meta.resolve('@stryker-mutator/vitest-runner')],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Test files and test doubles are not production code.
  // MUTATE_FILES (comma-separated globs) narrows a target to some of its files, for a quick partial run.
  mutate: [
    ...(process.env.MUTATE_FILES ? process.env.MUTATE_FILES.split(',') : target.mutate),
    '!**/*.test.ts',
    '!**/*.test.tsx',
    '!**/test*.ts',
    '!**/fake*.ts',
    '!**/testing/**',
  ],
  ignorePatterns: ['dist', 'data', 'bench/results', 'tests/artifacts', '/reports', '.stryker-tmp'],
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  timeoutFactor: 3,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${report}.html` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  tempDirName: `.stryker-tmp/${report}`,
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 85, break: null },
};
