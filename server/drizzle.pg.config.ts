import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL side (issue 15): the same tables as drizzle.config.ts, migrations of their own in drizzle-pg/. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/schema/index.ts',
  out: './drizzle-pg',
});
