import { parseArgs } from 'node:util';
import { copySqliteToPostgres } from './copy-to-postgres.ts';

/**
 * `pnpm --filter @mostrador/server db:copy-to-postgres --from data/mostrador.sqlite --to postgres://user@host/db`:
 * moves a stopped SQLite install into a new PostgreSQL database (see copy-to-postgres.ts). Leave the
 * password out of the URL (it would sit in the shell's history and the process list): node-postgres reads
 * it from PGPASSWORD or ~/.pgpass, as psql does.
 */
const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
if (!values.from || !values.to) {
  console.error('Usage: db:copy-to-postgres --from <sqlite file> --to <postgres url>');
  process.exit(2);
}
try {
  const copied = await copySqliteToPostgres(values.from, values.to, ({ table, rows }) => console.log(`${table}: ${rows} rows`));
  console.log(`Copied ${copied.reduce((sum, table) => sum + table.rows, 0)} rows in ${copied.length} tables.`);
} catch (error) {
  console.error(`Nothing was copied: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
