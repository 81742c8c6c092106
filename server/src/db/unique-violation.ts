/**
 * Whether a write was refused by a unique index, on either engine, whether
 * drizzle passes the driver's error on or wraps it in its own (`cause`).
 * Repositories answer "taken" with it where the database holds a rule
 * across nodes.
 */
function codesOf(error: unknown): { code: unknown; constraint: unknown }[] {
  const out: { code: unknown; constraint: unknown }[] = [];
  for (
    let e: unknown = error, depth = 0;
    typeof e === 'object' && e !== null && depth < 3;
    e = (e as { cause?: unknown }).cause, depth += 1
  ) {
    out.push({ code: (e as { code?: unknown }).code, constraint: (e as { constraint?: unknown }).constraint });
  }
  return out;
}

/** SQLite's word for it: SQLITE_CONSTRAINT_UNIQUE. */
export function isSqliteUniqueViolation(error: unknown): boolean {
  return codesOf(error).some((c) => c.code === 'SQLITE_CONSTRAINT_UNIQUE');
}

/** PostgreSQL's: 23505, by the index named when one is given. */
export function isPgUniqueViolation(error: unknown, constraint?: string): boolean {
  return codesOf(error).some((c) => c.code === '23505' && (constraint === undefined || c.constraint === constraint));
}
