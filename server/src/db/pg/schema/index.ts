/**
 * The PostgreSQL schema (issue 15): a table-for-table mirror of the SQLite
 * one in server/src/db/schema.ts, with the same names and the same row types.
 * schema-parity.test.ts fails when the two drift; what each column means is
 * said in the SQLite file, the one the product runs on today.
 */
export * from './sites.ts';
export * from './team.ts';
export * from './visitors.ts';
export * from './conversations.ts';
export * from './canned-replies.ts';
export * from './triggers.ts';
export * from './mail.ts';
