import type { LiveFilter } from '../schemas/live.ts';

// What "Live now" reads of the page's filters, defined once for the server that counts and the console that explains.

/** One of the page's filters. */
export type LiveFilterKey = keyof LiveFilter;

/** The filter's fields in one order, empty ones left out: the same filter always reads the same (a room name, a cache key). */
export function liveFilterKey(filter: LiveFilter): string {
  const { departmentId, agentId, origin, tag } = filter;
  return JSON.stringify({ departmentId, agentId, origin, tag });
}

/**
 * Which filters each live figure follows; the page says which it cannot.
 * The queue ignores the agent (a queued chat has no agent yet), and agents
 * online ignore how a chat started and its tags (agents have neither).
 */
export const LIVE_FILTERS_APPLIED = {
  inProgress: ['departmentId', 'agentId', 'origin', 'tag'],
  queued: ['departmentId', 'origin', 'tag'],
  ticketsOpen: ['departmentId', 'agentId', 'origin', 'tag'],
  ticketsWaiting: ['departmentId', 'agentId', 'origin', 'tag'],
  agentsOnline: ['departmentId', 'agentId'],
  firstResponseMedianSeconds: ['departmentId', 'agentId', 'origin', 'tag'],
} as const satisfies Record<string, readonly LiveFilterKey[]>;
export type LiveFigureName = keyof typeof LIVE_FILTERS_APPLIED;

/** The figures that leave out a filter that is set, each with the filters it leaves out. */
export function liveFiltersIgnored(filter: LiveFilter): Array<{ figure: LiveFigureName; ignored: LiveFilterKey[] }> {
  const set = (Object.keys(filter) as LiveFilterKey[]).filter((key) => filter[key] !== undefined);
  return (Object.entries(LIVE_FILTERS_APPLIED) as Array<[LiveFigureName, readonly LiveFilterKey[]]>).flatMap(([figure, applied]) => {
    const ignored = set.filter((key) => !applied.includes(key));
    return ignored.length > 0 ? [{ figure, ignored }] : [];
  });
}
