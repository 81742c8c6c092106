// @ts-check
/**
 * `pnpm mutate [target…]` runs StrykerJS over one core folder at a time (see
 * scripts/mutate.mjs); MUTATE_TARGET picks the folder. Each target runs only
 * the vitest projects whose tests cover it, and per-test coverage keeps each
 * mutant to the tests that reach it.
 */
const targets = {
  shared: { mutate: ['shared/src/**/*.ts'], projects: ['shared'] },
  'widget-chat': { mutate: ['widget/src/chat/**/*.ts'], projects: ['widget'] },
  conversations: { mutate: ['server/src/modules/conversations/**/*.ts'], projects: ['server', 'tests'] },
  visitors: { mutate: ['server/src/modules/visitors/**/*.ts'], projects: ['server', 'tests'] },
  triggers: { mutate: ['server/src/modules/triggers/**/*.ts'], projects: ['server', 'tests'] },
};
const name = /** @type {keyof typeof targets} */ (process.env.MUTATE_TARGET ?? 'shared');
const target = targets[name];
if (!target) throw new Error(`MUTATE_TARGET must be one of ${Object.keys(targets).join(', ')}`);
// Read by vitest.mutate.config.ts in Stryker's test-runner processes, which inherit this environment.
process.env.MUTATE_PROJECTS = target.projects.join(',');

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
  ignorePatterns: ['dist', 'data', 'bench/results', 'tests/artifacts', 'reports', '.stryker-tmp'],
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  timeoutFactor: 3,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: `.stryker-tmp/${name}`,
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 85, break: null },
};
