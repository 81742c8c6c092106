import type { Engine } from '../../db/engine.ts';
import type { ConversationsStore } from './conversations.store.ts';
import { PgConversationsStore } from './conversations.store.pg.ts';
import { SqliteConversationsStore } from './conversations.store.sqlite.ts';

export interface ConversationsStoreOptions {
  /** What one assigned ticket counts for against an agent's capacity; a live chat counts 1. */
  ticketWeight?: number;
}

/** The conversations store on the engine the app runs on, picked once. */
export function conversationsStore(engine: Engine, options: ConversationsStoreOptions = {}): ConversationsStore {
  if (engine.kind === 'sqlite') return new SqliteConversationsStore(engine.db, options.ticketWeight);
  return new PgConversationsStore(engine.db, options.ticketWeight);
}
