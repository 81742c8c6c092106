import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** A copy of a SQLite database in a directory of its own, removed with it. */
export interface SqliteSnapshot {
  file: string;
  remove(): void;
}

/** The most pages better-sqlite3 takes for one backup step: in practice, all that are left. */
const ALL_PAGES = 0x7fffffff;

/**
 * A consistent copy of a SQLite file that may be in use, made with SQLite's
 * online backup API from a read-only connection: the live file is never
 * written (nor migrated), and its writer never waits on the copy. The pages
 * go in one backup step, which is one read transaction: in WAL mode, the
 * database as it was when the step began, whatever is written meanwhile (in
 * several steps, a write between two would restart the backup).
 * The copy lands in the temporary directory (TMPDIR): it needs as much free
 * space there as the database file takes.
 */
export async function snapshotOf(file: string): Promise<SqliteSnapshot> {
  // Opening a missing file would create an empty database and copy nothing.
  if (!existsSync(file)) throw new Error(`No SQLite database at ${file}`);
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-copy-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const copy = join(dir, 'snapshot.sqlite');
  try {
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      // A file on a rollback journal (not WAL) is locked while a write commits: wait for it as the app does.
      source.pragma('busy_timeout = 5000');
      await source.backup(copy, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
  } catch (error) {
    remove();
    throw error;
  }
  return { file: copy, remove };
}
