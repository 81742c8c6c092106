import { bigint } from 'drizzle-orm/pg-core';

/**
 * A moment as milliseconds since the epoch (`Date.now()`), as the SQLite
 * integer columns hold it. int4 would overflow (it ends 24 days after 1970),
 * so it is an int8 that drizzle reads back as a JS number: exact up to 2^53,
 * and the row types stay the SQLite ones.
 */
export const epochMillis = (name: string) => bigint(name, { mode: 'number' });

/**
 * The numeric id SQLite gives a row itself (an INTEGER PRIMARY KEY). "By
 * default" rather than "always", so an insert may still name its id, as it
 * may on SQLite; int8 because these are the tables that grow without bound.
 */
export const rowId = () => bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity();
