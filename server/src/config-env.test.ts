import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from './config-env.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's table rows, by the variables they name: `A`, `B` or `A`, `…_PER_SECOND`. */
function documentedVariables(): Set<string> {
  const found = new Set<string>();
  for (const row of readme.split('\n').filter((line) => line.startsWith('| `'))) {
    const names = [...row.split('|')[1]!.matchAll(/`([A-Z0-9_…]+)`/g)].map((m) => m[1]!);
    for (const name of names) {
      if (!name.startsWith('…')) found.add(name);
      // `LIMIT_X_BURST`, `…_PER_SECOND`: the shorthand names the same variable's other half.
      else for (const full of names.filter((n) => n.endsWith('_BURST'))) found.add(full.replace(/_BURST$/, name.slice(1)));
    }
  }
  return found;
}

describe('the configuration’s documentation', () => {
  it('lists every variable the server reads in the README’s tables', () => {
    const documented = documentedVariables();
    expect(Object.keys(EnvSchema.shape).filter((name) => !documented.has(name))).toEqual([]);
  });
});
