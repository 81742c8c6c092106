import type { Engine } from '../../db/engine.ts';
import type { ConversationsErased, ConversationsPersonalData } from './erased-conversations.ts';
import { PgConversationsPersonalData } from './conversations.personal-data.pg.ts';
import { SqliteConversationsPersonalData } from './conversations.personal-data.sqlite.ts';

/**
 * The conversations module's part in the privacy registry, on the app's
 * engine (conversations.personal-data.test.ts holds both to one contract).
 */
export function conversationsPersonalData(engine: Engine, onErased?: ConversationsErased): ConversationsPersonalData {
  return engine.kind === 'sqlite'
    ? new SqliteConversationsPersonalData(engine.db, onErased)
    : new PgConversationsPersonalData(engine.db, onErased);
}
