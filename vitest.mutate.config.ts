import { defineConfig } from 'vitest/config';

/**
 * The projects `pnpm mutate` runs for its current target (stryker.config.mjs
 * sets MUTATE_PROJECTS). Browser tests never run here: they test the built
 * bundles, which a mutant of the sources does not change.
 */
const projects = (process.env.MUTATE_PROJECTS ?? 'shared,server,widget,console,tests').split(',');

export default defineConfig({
  test: {
    projects: projects.map((name) => ({
      extends: `./${name}/vitest.config.ts`,
      test: { name, root: `./${name}`, exclude: ['**/node_modules/**', 'browser/**'] },
    })),
  },
});
