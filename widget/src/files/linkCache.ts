import type { AttachmentLink } from '@mostrador/shared';

/** Ask again for a link with less than this left: a page stays open longer than a link lives. */
export const REFRESH_BEFORE_MS = 60_000;
/** A link with less than this left is not handed to a click: it could expire on its way. */
export const USABLE_FOR_MS = 10_000;

/** Links to files, kept while they live: every thumbnail and card of the log asks here. */
export interface FileLinks {
  /** A link with at least a minute left (asked for when the one held is older), or null when the file is gone. */
  fresh(id: string): Promise<string | null>;
  /** The link held now, if it still has a few seconds left; never waits (a click must open its window at once). */
  peek(id: string): string | null;
}

export function createLinkCache(fetchLink: (id: string) => Promise<AttachmentLink | null>, now: () => number = Date.now): FileLinks {
  const held = new Map<string, AttachmentLink>();
  const asking = new Map<string, Promise<string | null>>();
  const live = (id: string, margin: number) => {
    const link = held.get(id);
    return link && link.expiresAt - now() > margin ? link.url : null;
  };
  return {
    peek: (id) => live(id, USABLE_FOR_MS),
    fresh(id) {
      const url = live(id, REFRESH_BEFORE_MS);
      if (url) return Promise.resolve(url);
      let pending = asking.get(id);
      if (!pending) {
        pending = fetchLink(id).then((link) => {
          asking.delete(id);
          if (link) held.set(id, link);
          return link?.url ?? null;
        });
        asking.set(id, pending);
      }
      return pending;
    },
  };
}
