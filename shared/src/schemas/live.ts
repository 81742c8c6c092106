import { z } from 'zod';
import { Id } from './common.ts';
import { ConversationOrigin } from './conversation.ts';
import { TagName } from './toolbox.ts';

const Count = z.number().int().min(0);

/**
 * The Reports page's filters, as "Live now" follows them: the department and
 * assignee a conversation has now, how it started, a tag it carries now. Empty:
 * the whole site. The site is never part of it: it is the session's.
 */
export const LiveFilter = z
  .object({
    departmentId: Id.optional(),
    agentId: Id.optional(),
    origin: ConversationOrigin.optional(),
    tag: TagName.optional(),
  })
  .strict();
export type LiveFilter = z.infer<typeof LiveFilter>;

/** `live:watch`'s request: the filters to follow (none: the whole site). */
export const LiveWatch = z.object({ filter: LiveFilter.optional() }).strict();

/**
 * The Reports page's "Live now" panel, for a site's admins: what is
 * happening this moment, pushed over the agent socket when it changes,
 * for the filter the admin asked with (`LIVE_FILTERS_APPLIED` in `@mostrador/shared/reports` says which
 * figure follows which filter).
 */
export const LiveFigures = z.object({
  /** The filter these figures follow, as asked: the console drops figures for a filter it no longer shows. */
  filter: LiveFilter,
  /** Open live chats (not tickets) with an agent assigned, on hold or not. */
  inProgress: Count,
  /** Open live chats waiting for an agent: the queue, without tickets. */
  queued: Count,
  /** Open tickets (conversations that began while nobody could answer), on hold or not. */
  ticketsOpen: Count,
  /** Open tickets waiting on the team: a customer message not answered yet, and not on hold (pending or snoozed). */
  ticketsWaiting: Count,
  /** Agents set to online with a console open (or within the reload grace); with a department, its members. */
  agentsOnline: Count,
  /** Today's median first response, raw, as the reports define it: conversations created today in the site's zone. */
  firstResponseMedianSeconds: Count.nullable(),
  /** Today, the local date those conversations were created on, and its zone. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  timeZone: z.string(),
});
export type LiveFigures = z.infer<typeof LiveFigures>;
