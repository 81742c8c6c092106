import { execFile } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresPerTest } from '../testing/postgres.ts';
import { tablesToCopy } from './copy-inventory.ts';
import { usedInstall, type UsedInstall } from './used-install-fixture.ts';

const postgres = postgresPerTest();
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PASSWORD = 'Zq-s3cret-77';
let install: UsedInstall | undefined;

afterEach(async () => {
  await install?.close();
  install = undefined;
});

/** `pnpm copy-to-postgres …` as pnpm runs it: the root's script, from the root (pnpm itself echoes the line; `pnpm -s` does not). */
const copyToPostgres = (...args: string[]) =>
  promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'copy-to-postgres.mjs'), ...args], { cwd: ROOT });

/** The test database's URL with a password in it, which the test server (trust auth) does not check. */
function withPassword(url: string, user = 'postgres'): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = PASSWORD;
  return parsed.toString();
}

describe('pnpm copy-to-postgres', () => {
  it('copies from a path relative to the repository, prints each table and the total, and never the password', async () => {
    install = await usedInstall();
    await install.stop();
    const from = relative(ROOT, install.file);
    const { stdout, stderr } = await copyToPostgres('--from', from, '--to', withPassword(postgres.database.url));
    expect(stdout).toContain(`Copying ${from} into postgres://postgres:***@127.0.0.1:5432/${postgres.database.name}\n`);
    expect(stdout).toMatch(/^sites: 2 rows$/m);
    expect(stdout).toMatch(/^conversation_events: \d+ rows$/m);
    expect(stdout).toMatch(/^Not copied, on purpose: __drizzle_migrations, sqlite_sequence, conversation_search, /m);
    expect(stdout).toMatch(new RegExp(`^Copied \\d+ rows in ${tablesToCopy().length} tables\\.$`, 'm'));
    expect(stdout + stderr).not.toContain(PASSWORD);

    // Again: the target holds rows now.
    const again = copyToPostgres('--from', from, '--to', withPassword(postgres.database.url));
    await expect(again).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^Nothing was copied: The PostgreSQL database is not empty \(/),
    });
    const refused = (await again.catch((error: unknown) => error)) as { stdout: string; stderr: string };
    expect(refused.stdout + refused.stderr).not.toContain(PASSWORD);
  }, 90_000);

  it('says why PostgreSQL refused the connection, without the password', async () => {
    const failed = (await copyToPostgres('--from', 'data/mostrador.sqlite', '--to', withPassword(postgres.database.url, 'nobody')).catch(
      (error: unknown) => error,
    )) as { code: number; stdout: string; stderr: string };
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^Nothing was copied: role "nobody" does not exist$/m);
    expect(failed.stdout + failed.stderr).not.toContain(PASSWORD);
  });

  it('answers a wrong call with its usage and exit code 2', async () => {
    await expect(copyToPostgres('--from', 'data/mostrador.sqlite')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^Usage: copy-to-postgres --from <sqlite file> --to <postgres url>$/m),
    });
    await expect(copyToPostgres('--from', 'data/mostrador.sqlite', '--to', 'data/copy.sqlite')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^--to takes a postgres:\/\/ URL$/m),
    });
    await expect(copyToPostgres('--form', 'data/mostrador.sqlite')).rejects.toMatchObject({ code: 2 });
  });
});
