// The house rules a machine can keep (issue 11). Formatting is Biome's job (biome.json), imports are
// dependency-cruiser's (.dependency-cruiser.cjs); this file holds what must never come back.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NEVER_HTML = 'Messages are text, never HTML: set textContent or build nodes.';

/** Syntax that must never come back, whatever the package. */
const forbiddenSyntax = [
  { selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]', message: NEVER_HTML },
  { selector: 'MemberExpression[property.value=/^(innerHTML|outerHTML)$/]', message: NEVER_HTML },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: NEVER_HTML },
  { selector: "CallExpression[callee.property.name='createContextualFragment']", message: NEVER_HTML },
  { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]", message: NEVER_HTML },
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: NEVER_HTML },
  { selector: "Property[key.name='dangerouslySetInnerHTML']", message: NEVER_HTML },
  {
    selector: "CallExpression[callee.property.name='postMessage'][arguments.1.value='*']",
    message: "postMessage(…, '*') hands the message to any origin: name the target origin.",
  },
  {
    selector: "CallExpression[callee.name='postMessage'][arguments.1.value='*']",
    message: "postMessage(…, '*') hands the message to any origin: name the target origin.",
  },
  {
    selector: "CallExpression[callee.property.name='postMessage'] Property[key.name='targetOrigin'][value.value='*']",
    message: "postMessage(…, { targetOrigin: '*' }) hands the message to any origin: name the target origin.",
  },
];

/** Globals that do I/O: shared/ is the contract, pure code on zod. */
const ioGlobals = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'document',
  'window',
  'navigator',
  'process',
  'require',
].map((name) => ({ name, message: 'shared/ does no I/O: take what you need as a parameter.' }));

export default defineConfig(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'server/drizzle/',
      'data/',
      'bench/results/',
      'tests/artifacts/',
      // StrykerJS's sandboxes and reports (pnpm mutate): copies of the tree, not code.
      '.stryker-tmp/',
      'reports/',
      // Deliberately broken code that tests/guardrails/ checks the rules against.
      'tests/guardrails/fixtures/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
      'no-restricted-syntax': ['error', ...forbiddenSyntax],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests feed hostile input on purpose, `javascript:` URLs among them, to prove it is refused.
    files: ['**/*.test.{ts,tsx}'],
    rules: { 'no-script-url': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The browser bundles take only types from the contract's root: a value import there brings zod, whose
    // eval probe breaks the console's strict CSP. Plain constants come from the side entries (./limits, …).
    files: ['console/src/**', 'widget/src/**'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@mostrador/shared',
              message: 'Import types only; take values from @mostrador/shared/limits and the other side entries.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/src/**'],
    rules: { 'no-restricted-globals': ['error', ...ioGlobals] },
  },
  {
    // The server's settings are parsed once, with zod, in config.ts: a variable read anywhere else
    // escapes its checks (a bad number becomes NaN) and the README's list of variables.
    files: ['server/src/**'],
    ignores: ['server/src/config.ts', '**/*.test.ts', 'server/src/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Add the variable to config-env.ts and take it from the Config.' },
      ],
    },
  },
);
