import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { AUTHOR_KINDS, ConversationStatus } from './conversation.ts';

/** Full-text search over the messages and notes an agent may see. */
export const SEARCH_PAGE_SIZE = 20;
export { HIGHLIGHT_END, HIGHLIGHT_START } from '../search/highlight.ts';

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  agentId: Id.optional(),
  departmentId: Id.optional(),
  status: ConversationStatus.optional(),
  /** Epoch ms, inclusive; on the message's time. */
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  /** Paging goes as far back as there are results. */
  offset: z.coerce.number().int().min(0).default(0),
});
export type SearchInput = z.input<typeof SearchQuery>;

export const SearchHit = z.object({
  conversationId: Id,
  visitorLabel: z.string(),
  status: ConversationStatus,
  seq: z.number().int(),
  kind: z.enum(['message', 'note']),
  authorKind: z.enum(AUTHOR_KINDS),
  authorName: z.string().nullable(),
  createdAt: Timestamp,
  /** A few words around the match, matched words between HIGHLIGHT_START and HIGHLIGHT_END. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResults = z.object({
  hits: z.array(SearchHit),
  /** The offset of the next page; null on the last one. */
  nextOffset: z.number().int().nullable(),
  /** Close spellings the search also looked for ("tarjta" → "tarjeta"). */
  alsoSearched: z.array(z.string()),
  /** Relevance first; or newest first, when there are too many matches to rank them all. */
  order: z.enum(['relevance', 'newest']),
});
export type SearchResults = z.infer<typeof SearchResults>;
