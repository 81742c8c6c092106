import { z } from 'zod';

const Count = z.number().int().min(0);

/**
 * The Reports page's "Live now" panel, for a site's admins: what is
 * happening this moment, pushed over the agent socket when it changes.
 */
export const LiveFigures = z.object({
  /** Open live chats (not tickets) with an agent assigned, on hold or not. */
  inProgress: Count,
  /** Open live chats waiting for an agent: the queue, without tickets. */
  queued: Count,
  /** Agents set to online with a console open (or within the reload grace). */
  agentsOnline: Count,
  /** Today's median first response, raw, as the reports define it: conversations created today in the site's zone. */
  firstResponseMedianSeconds: Count.nullable(),
  /** Today, the local date those conversations were created on, and its zone. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  timeZone: z.string(),
});
export type LiveFigures = z.infer<typeof LiveFigures>;
