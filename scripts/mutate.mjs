#!/usr/bin/env node
// `pnpm mutate [target…]`: StrykerJS over the core folders, one target after another
// (shared, widget-chat, conversations, visitors, triggers; all when none is named). Flags such as
// --ignoreStatic are passed to Stryker.
// MUTATE_CONCURRENCY sets the parallel test runners (default 2); MUTATE_FILES=glob,glob narrows a
// target to some of its files. Reports land in reports/mutation/<target>.html and .json.
import { spawnSync } from 'node:child_process';

const all = ['shared', 'widget-chat', 'conversations', 'visitors', 'triggers'];
const args = process.argv.slice(2).filter((a) => a !== '--');
// Flags go to Stryker as they are (for example --ignoreStatic); the rest name targets.
const flags = args.filter((a) => a.startsWith('-'));
const chosen = args.filter((a) => !a.startsWith('-'));
const targets = chosen.length > 0 ? chosen : all;
let failed = false;
for (const target of targets) {
  if (!all.includes(target)) {
    console.error(`unknown target ${target}; choose from ${all.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== mutate ${target}`);
  const run = spawnSync('pnpm', ['exec', 'stryker', 'run', 'stryker.config.mjs', ...flags], {
    stdio: 'inherit',
    env: { ...process.env, MUTATE_TARGET: target },
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
