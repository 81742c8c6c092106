import type { Engine } from '../../db/engine.ts';
import type { PersonalDataSource } from '../privacy/index.ts';
import { PgTriggersPersonalData } from './triggers.personal-data.pg.ts';
import { SqliteTriggersPersonalData } from './triggers.personal-data.sqlite.ts';

/**
 * The triggers module's part in the privacy registry: which invitations a
 * visitor was shown, and what followed, on the engine's table (both hold to
 * one contract: triggers.personal-data.test.ts). No retention of its own:
 * firings are counted by the trigger report, and go with an erasure.
 */
export function triggersPersonalData(engine: Engine): PersonalDataSource {
  return engine.kind === 'sqlite' ? new SqliteTriggersPersonalData(engine.db) : new PgTriggersPersonalData(engine.db);
}
