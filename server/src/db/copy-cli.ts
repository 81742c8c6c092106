import { parseArgs } from 'node:util';
import { SKIPPED_SQLITE_TABLES } from './copy-inventory.ts';
import { copySqliteToPostgres } from './copy-to-postgres.ts';
import { shownUrl, withoutPassword } from './pg/url-shown.ts';

/**
 * `pnpm -s copy-to-postgres --from data/mostrador.sqlite --to postgres://user@host/db`: moves a SQLite
 * install into a new PostgreSQL database (see copy-to-postgres.ts). From the repository's root, so a
 * relative --from is read from there, as `pnpm start` keeps data/ there (`pnpm --filter
 * @mostrador/server db:copy-to-postgres` reads it from server/). Whatever the URL holds, this never
 * prints its password; but pnpm echoes the command line unless -s, and the shell's history and the
 * process list keep it: leave the password out of the URL, node-postgres reads PGPASSWORD or ~/.pgpass
 * as psql does.
 */
const USAGE = 'Usage: copy-to-postgres --from <sqlite file> --to <postgres url>';
// pnpm may pass on the `--` of `pnpm copy-to-postgres -- --from …`.
const args = process.argv.slice(2);
let values: { from?: string | undefined; to?: string | undefined };
try {
  ({ values } = parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
    options: { from: { type: 'string' }, to: { type: 'string' } },
  }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const { from, to } = values;
if (!from || !to) {
  console.error(USAGE);
  process.exit(2);
}
if (!/^postgres(ql)?:\/\//.test(to)) {
  console.error(`--to takes a postgres:// URL\n${USAGE}`);
  process.exit(2);
}
console.log(`Copying ${from} into ${shownUrl(to)}`);
try {
  const copied = await copySqliteToPostgres(from, to, ({ table, rows }) => console.log(`${table}: ${rows} rows`));
  console.log(`Not copied, on purpose: ${Object.keys(SKIPPED_SQLITE_TABLES).join(', ')} (SQLite's search index and bookkeeping).`);
  console.log(`Copied ${copied.reduce((sum, table) => sum + table.rows, 0)} rows in ${copied.length} tables.`);
} catch (error) {
  console.error(`Nothing was copied: ${withoutPassword(error instanceof Error ? error.message : String(error), to)}`);
  process.exit(1);
}
