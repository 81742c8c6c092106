import type { LiveFigures } from '@mostrador/shared';
import type { AgentConnection } from '../api/agentConnection.ts';

/** The Reports page's live figures: the figures now, then each change, over the console's socket. */
export interface LiveFeed {
  /** Starts watching; returns what stops it. `onFigures` gets null while there is no connection to watch over. */
  subscribe(onFigures: (figures: LiveFigures | null) => void): () => void;
}

/**
 * "Live now" over the inbox's socket (the console keeps one per agent):
 * `live:watch` once, `live:changed` after, and `live:watch` again after a
 * reconnect, since the server forgets a socket's rooms when it drops.
 */
export function liveFeedOf(connection: () => AgentConnection | null): LiveFeed {
  return {
    subscribe(onFigures) {
      const socket = connection();
      if (!socket) {
        onFigures(null);
        return () => {};
      }
      let stopped = false;
      const watch = () =>
        void socket.request('live:watch', {}).then((result) => {
          if (!stopped) onFigures(result.ok ? result.data : null);
        });
      const offFacts = socket.on('live:changed', (figures) => {
        if (!stopped) onFigures(figures);
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
