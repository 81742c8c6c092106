import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/boundaries/', import.meta.url));

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

let violations: string[];

/** Runs the repository's own dependency-cruiser config over a tree laid out like the repository. */
beforeAll(() => {
  const run = spawnSync(
    `${root}node_modules/.bin/depcruise`,
    ['--config', `${root}.dependency-cruiser.cjs`, '--output-type', 'json', 'widget', 'server', 'shared'],
    { cwd: fixture, encoding: 'utf8' },
  );
  if (!run.stdout) throw new Error(`depcruise printed nothing: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  violations = report.summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} → ${to}`);
});

describe('the import rules', () => {
  it('refuse a cycle made only of type imports', () => {
    expect(violations).toContainEqual(expect.stringMatching(/^no-circular: widget\/src\/cycle-(a|b)\.ts → /));
  });

  it('refuse entering a module other than through its index.ts, from another module or from outside', () => {
    expect(violations).toContain(
      'module-through-index: server/src/modules/billing/billing.service.ts → server/src/modules/orders/orders.service.ts',
    );
    expect(violations).toContain('module-through-index-from-outside: server/src/app.ts → server/src/modules/orders/orders.service.ts');
    expect(violations).not.toContainEqual(expect.stringContaining('→ server/src/modules/orders/index.ts'));
  });

  it('let only db/ and repositories touch the database libraries', () => {
    expect(violations).toContain('database-only-in-repositories: server/src/modules/orders/orders.service.ts → drizzle-orm');
    expect(violations).not.toContainEqual(expect.stringMatching(/^database-only-in-repositories: .*orders\.repository\.ts/));
  });

  it('keep the server out of the clients and the contract, and I/O out of shared/', () => {
    expect(violations).toContain('clients-never-import-server: widget/src/reaches-server.ts → server/src/app.ts');
    expect(violations).toContain('packages-by-name: widget/src/reaches-server.ts → server/src/app.ts');
    expect(violations).toContain('shared-does-no-io: shared/src/reads-disk.ts → fs');
  });
});
