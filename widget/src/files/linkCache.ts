import type { AttachmentLink } from '@mostrador/shared';

/** Ask again for a link with less than this left: a page stays open longer than a link lives. */
export const REFRESH_BEFORE_MS = 60_000;
/** A link with less than this left is not handed to a click: it could expire on its way. */
export const USABLE_FOR_MS = 10_000;
/** The least a new link is trusted for, whatever the clocks say (the shopper's may be ahead of the server's). */
const MIN_LIFETIME_MS = 30_000;

/**
 * Links to files, kept while they live: every thumbnail and card of the log
 * asks here, and redraws when a link arrives or a file turns out gone.
 */
export interface FileLinks {
  /** A link with at least a minute left (asked for when the one held is older), or null when the file is gone. */
  fresh(id: string): Promise<string | null>;
  /** The link held now, if it still has a few seconds left; never waits (a click must open its window at once). */
  peek(id: string): string | null;
  /**
   * A thumbnail's source: the first link's thumbnail (the server serves the
   * full picture while it has none), kept, so a new link does not load it again.
   */
  picture(id: string): string | undefined;
  /** The picture did not load (its link expired first): one more try with a fresh link, then the file is gone. */
  pictureFailed(id: string): void;
  /** The server would not link the file (removed, or not this visitor's). */
  gone(id: string): boolean;
  subscribe(listener: () => void): () => void;
}

export function createLinkCache(fetchLink: (id: string) => Promise<AttachmentLink | null>, now: () => number = Date.now): FileLinks {
  /** Each link (and a picture's thumbnail link) with when it expires by this page's clock. */
  const held = new Map<string, { url: string; thumb: string; until: number }>();
  const asking = new Map<string, Promise<string | null>>();
  const pictures = new Map<string, string>();
  const retried = new Set<string>();
  const gone = new Set<string>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  const live = (id: string, margin: number) => {
    const link = held.get(id);
    return link && link.until - now() > margin ? link.url : null;
  };
  const fresh = (id: string): Promise<string | null> => {
    const url = live(id, REFRESH_BEFORE_MS);
    if (url) return Promise.resolve(url);
    let pending = asking.get(id);
    if (!pending) {
      const askedAt = now();
      pending = fetchLink(id).then((link) => {
        asking.delete(id);
        if (link) {
          const thumb = link.thumbUrl ?? link.url;
          held.set(id, { url: link.url, thumb, until: askedAt + Math.max(link.expiresAt - askedAt, MIN_LIFETIME_MS) });
          if (!pictures.has(id)) pictures.set(id, thumb);
        } else gone.add(id);
        changed();
        return link?.url ?? null;
      });
      asking.set(id, pending);
    }
    return pending;
  };
  return {
    fresh,
    peek: (id) => live(id, USABLE_FOR_MS),
    picture: (id) => pictures.get(id),
    pictureFailed(id) {
      if (retried.has(id)) {
        gone.add(id);
        return changed();
      }
      retried.add(id);
      held.delete(id);
      void fresh(id).then((url) => {
        const thumb = url && held.get(id)?.thumb;
        if (!thumb) return;
        pictures.set(id, thumb);
        changed();
      });
    },
    gone: (id) => gone.has(id),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
