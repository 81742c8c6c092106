import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import serverConfig from './server/vitest.config.ts';
import testsConfig from './tests/vitest.config.ts';

/**
 * The projects `pnpm mutate` runs for its current target (stryker.config.mjs
 * sets MUTATE_PROJECTS). Browser tests never run here: they test the built
 * bundles, which a mutant of the sources does not change. Nor do the
 * guardrail tests (tests/guardrails): they lint and cruise fixtures, never
 * importing the code under mutation, and only slow every run down.
 */
const projects = (process.env.MUTATE_PROJECTS ?? 'shared,server,widget,console,tests').split(',');
/** MUTATE_TESTS narrows each project to the named test files (globs from the repository root). */
const tests = (process.env.MUTATE_TESTS ?? '').split(',').filter(Boolean);
const EXCLUDE = ['**/node_modules/**', 'browser/**', 'guardrails/**'];
/** Configs whose `include` MUTATE_TESTS may replace (`extends` would add to it, not replace it). */
const narrowable: Partial<Record<string, { test?: object }>> = { server: serverConfig, tests: testsConfig };

/**
 * Workspace packages by name, resolved to the sources beside this file. Stryker's sandbox links only the
 * root node_modules, so without these `@mostrador/server` from tests/ would resolve to the original sources,
 * not the mutated copy, and every mutant reached only through another package would count as uncovered.
 */
const here = dirname(fileURLToPath(import.meta.url));
const alias = ['shared', 'server', 'widget', 'console'].flatMap((pkg) => {
  const manifest = JSON.parse(readFileSync(join(here, pkg, 'package.json'), 'utf8')) as { exports?: Record<string, string> };
  return Object.entries(manifest.exports ?? {}).map(([key, target]) => ({
    find: new RegExp(`^@mostrador/${pkg}${key.slice(1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    replacement: join(here, pkg, target),
  }));
});

function project(name: string) {
  const own = tests.filter((glob) => glob.startsWith(`${name}/`)).map((glob) => glob.slice(name.length + 1));
  const base = narrowable[name];
  if (own.length === 0 || !base) {
    return { extends: `./${name}/vitest.config.ts`, resolve: { alias }, test: { name, root: `./${name}`, exclude: EXCLUDE } };
  }
  return { ...base, resolve: { alias }, test: { ...base.test, name, root: `./${name}`, exclude: EXCLUDE, include: own } };
}

export default defineConfig({
  test: {
    projects: projects.filter((name) => tests.length === 0 || tests.some((glob) => glob.startsWith(`${name}/`))).map(project),
  },
});
