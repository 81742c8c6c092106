import type { LiveFigures, LiveFilter } from '@mostrador/shared';
import { liveFilterKey } from '@mostrador/shared/reports';
import type { AgentConnection } from '../api/agentConnection.ts';

/** The Reports page's live figures: the figures now, then each change, over the console's socket. */
export interface LiveFeed {
  /** Starts watching with the page's filter; returns what stops it. `onFigures` gets null while there is no connection to watch over. */
  subscribe(filter: LiveFilter, onFigures: (figures: LiveFigures | null) => void): () => void;
}

/**
 * "Live now" over the inbox's socket (the console keeps one per agent):
 * `live:watch` once, `live:changed` after, and `live:watch` again after a
 * reconnect, since the server forgets a socket's rooms when it drops.
 */
export function liveFeedOf(connection: () => AgentConnection | null): LiveFeed {
  return {
    subscribe(filter, onFigures) {
      const socket = connection();
      if (!socket) {
        onFigures(null);
        return () => {};
      }
      let stopped = false;
      // Figures for another filter (one this page showed before, still on its way) are not this page's.
      const key = liveFilterKey(filter);
      const watch = () =>
        void socket.request('live:watch', { filter }).then((result) => {
          if (!stopped) onFigures(result.ok ? result.data : null);
        });
      const offFacts = socket.on('live:changed', (figures) => {
        if (!stopped && liveFilterKey(figures.filter) === key) onFigures(figures);
      });
      const offStatus = socket.onStatus((status) => {
        if (status === 'connected') watch();
        else if (!stopped) onFigures(null);
      });
      if (socket.connected) watch();
      return () => {
        stopped = true;
        offFacts();
        offStatus();
        if (socket.connected) void socket.request('live:unwatch', {});
      };
    },
  };
}
