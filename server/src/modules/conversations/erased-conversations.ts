import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';

/**
 * The conversations module's part in the privacy registry: a visitor's
 * conversations with every message and note, and who was invited in.
 * Closed conversations older than the site's setting are deleted in
 * batches, their events first, so no batch grows with a long chat.
 */
export interface ConversationsPersonalData extends PersonalDataSource {
  retention: NonNullable<PersonalDataSource['retention']>;
}

export const CONVERSATION_TABLES = ['conversations', 'conversation_events', 'conversation_guests'] as const;

/** Consoles drop erased conversations: told after the commit, with ids only. */
export type ConversationsErased = (siteId: string, conversationIds: string[]) => void;

/**
 * What each erasure removed, told once it has committed: a step may run
 * again (the group commit reruns a failed batch in savepoints), so the ids
 * are kept per scope and only the last run's are told.
 */
export abstract class ErasedConversations {
  readonly tables = [...CONVERSATION_TABLES];
  readonly #erased = new WeakMap<SubjectScope, string[]>();

  constructor(private readonly onErased: ConversationsErased = () => {}) {}

  protected remember(scope: SubjectScope, ids: string[]): void {
    this.#erased.set(scope, ids);
  }

  afterErase(scope: SubjectScope): void {
    const ids = this.#erased.get(scope) ?? [];
    this.#erased.delete(scope);
    if (ids.length > 0) this.onErased(scope.siteId, ids);
  }
}
