/**
 * The import boundaries of the house, kept by machine (issue 11). `pnpm lint` runs this over every package.
 * Paths are relative to the repository root; pnpm's store puts packages under node_modules/.pnpm/…/node_modules/<name>/.
 */
const DATABASE_DRIVERS = '(^|node_modules/)(@types/)?(better-sqlite3|pg|drizzle-orm)(/|$)';
const MODULE = '^server/src/modules/([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only imports included: a cycle means two files are one idea, or a port is missing.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-through-index',
      severity: 'error',
      comment: 'A server module is entered only through its index.ts; its other files are its own business.',
      from: { path: MODULE },
      to: { path: '^server/src/modules/[^/]+/', pathNot: ['^server/src/modules/$1/', '^server/src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'module-through-index-from-outside',
      severity: 'error',
      comment: 'Code outside the modules (app.ts, plugins, realtime, testing) also enters a module only through its index.ts.',
      from: { pathNot: '^server/src/modules/' },
      to: { path: '^server/src/modules/[^/]+/', pathNot: '^server/src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'database-only-in-repositories',
      severity: 'error',
      comment:
        'Only server/src/db/ and a module’s repository or store touch better-sqlite3, pg or drizzle-orm ' +
        '(its implementation for one engine is <name>.repository.sqlite.ts or <name>.repository.pg.ts; a repository may keep its prepared SQL beside it in <name>.statements.ts; a <name>.personal-data.ts is ' +
        'the repository of what the module holds about a shopper, for the privacy registry; a <name>.repository-worker.mjs ' +
        'is a repository’s read that runs in a worker thread). Tests may read tables, and the bench fills its databases.',
      from: {
        pathNot: [
          '^server/src/db/',
          `${MODULE}[^/]*\\.(repository|store|statements|personal-data)(\\.(sqlite|pg))?\\.ts$`,
          `${MODULE}[^/]*\\.repository-worker\\.mjs$`,
          '\\.test\\.ts$',
          '^bench/',
        ],
      },
      to: { path: DATABASE_DRIVERS },
    },
    {
      name: 'statements-only-for-repositories',
      severity: 'error',
      comment:
        'A <name>.statements.ts file is part of its repository or store (either engine’s implementation), and only they (and its own test) import it.',
      from: { pathNot: [`${MODULE}[^/]*\\.(repository|store)(\\.(sqlite|pg))?\\.ts$`, `${MODULE}[^/]*\\.statements\\.test\\.ts$`] },
      to: { path: `${MODULE}[^/]*\\.statements\\.ts$` },
    },
    {
      name: 'clients-never-import-server',
      severity: 'error',
      comment: 'The widget, the console and the contract never depend on the server.',
      from: { path: '^(widget|console|shared)/' },
      to: { path: '^server/' },
    },
    {
      name: 'shared-does-no-io',
      severity: 'error',
      comment:
        'shared/ is the contract: pure code on zod, no Node built-ins and no other packages; re2js (pure regular-expression matching, no I/O) runs the trigger rules’ patterns for the server and checks them for the console.',
      from: { path: '^shared/src/' },
      to: {
        dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: ['node_modules/zod/', 'node_modules/re2js/'],
      },
    },
    {
      name: 'packages-by-name',
      severity: 'error',
      comment: 'Packages import each other by package name, never by a relative path into another package.',
      from: { path: '^(shared|server|widget|console|tests|bench)/' },
      to: { dependencyTypes: ['local'], path: '^(shared|server|widget|console|tests|bench)/', pathNot: '^$1/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '^server/drizzle/', '^tests/guardrails/fixtures/'] },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
