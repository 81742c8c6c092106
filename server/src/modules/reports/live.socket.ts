import { fail, ok, type AgentClientEvents, type LiveFigures } from '@mostrador/shared';
import type { AgentNamespace } from '../../plugins/realtime.ts';
import type { CommandHandlers } from '../../realtime/commands.ts';
import type { NodeDirectory } from '../../realtime/node-directory.ts';
import { watchRoomsAcrossNodes, type RoomWatchers } from '../../realtime/watched-rooms.ts';
import type { LiveBoard } from './live-board.ts';

/** The admins of a site with the Reports page open. */
const LIVE_ROOM = 'live:';
const liveRoom = (siteId: string) => `${LIVE_ROOM}${siteId}`;

export type LiveCommands = Pick<CommandHandlers<AgentClientEvents>, 'live:watch' | 'live:unwatch'>;

/**
 * "Live now" over the agent socket: an admin asks once (`live:watch`) and
 * hears `live:changed` after. The site is the socket's session's; a plain
 * agent is refused and never joins the room.
 */
export function attachLiveWatching(agents: AgentNamespace, shared: NodeDirectory<RoomWatchers> | null) {
  // In a cluster the node where a chat changes makes the figures, for admins on any node.
  const watched = watchRoomsAcrossNodes(agents.adapter, shared, [LIVE_ROOM]);
  return {
    ports: {
      watched: (siteId: string) => watched.has(liveRoom(siteId)),
      changed(siteId: string, figures: LiveFigures): void {
        agents.to(liveRoom(siteId)).emit('live:changed', figures);
      },
    },
    handlers(
      socket: { join(room: string): unknown; leave(room: string): unknown },
      session: { siteId: string; role: 'admin' | 'agent' },
      board: LiveBoard,
    ): LiveCommands {
      return {
        'live:watch': async () => {
          if (session.role !== 'admin') return fail('forbidden', 'Only admins see the live figures');
          void socket.join(liveRoom(session.siteId));
          return ok(await board.watching(session.siteId));
        },
        'live:unwatch': () => {
          void socket.leave(liveRoom(session.siteId));
          return ok(null);
        },
      };
    },
  };
}

export type LiveWatching = ReturnType<typeof attachLiveWatching>;
