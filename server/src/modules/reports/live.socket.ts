import { fail, LiveFilter, ok, type AgentClientEvents, type LiveFigures } from '@mostrador/shared';
import { liveFilterKey } from '@mostrador/shared/reports';
import type { AgentNamespace } from '../../plugins/realtime.ts';
import type { CommandHandlers } from '../../realtime/commands.ts';
import type { NodeDirectory } from '../../realtime/node-directory.ts';
import { watchRoomsAcrossNodes, type RoomWatchers } from '../../realtime/watched-rooms.ts';
import type { LiveBoard } from './live-board.ts';

/**
 * The admins of a site with the Reports page open (`live:<site>`), and those
 * of them following one filter (`live:<site>/<filter key>`), where the
 * figures for that filter go. Site ids never hold a slash.
 */
const LIVE_ROOM = 'live:';
const liveRoom = (siteId: string) => `${LIVE_ROOM}${siteId}`;
const filterRoom = (siteId: string, filter: LiveFilter) => `${LIVE_ROOM}${siteId}/${liveFilterKey(filter)}`;

/** The filter a filter room is for, from the part of its name after `live:`; null for a site room or a name not ours. */
function filterOfRoom(id: string, siteId: string): LiveFilter | null {
  if (!id.startsWith(`${siteId}/`)) return null;
  try {
    const parsed = LiveFilter.safeParse(JSON.parse(id.slice(siteId.length + 1)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type LiveCommands = Pick<CommandHandlers<AgentClientEvents>, 'live:watch' | 'live:unwatch'>;

interface LiveAdapter {
  rooms: Map<string, Set<string>>;
  on(event: 'join-room' | 'leave-room' | 'delete-room', listener: (room: string) => void): unknown;
}

/**
 * This node's filter rooms per site, kept as sockets join them and the last
 * leaves, so a reading lists a site's filters without walking every room.
 */
function localFilterRooms(adapter: LiveAdapter): (siteId: string) => string[] {
  const bySite = new Map<string, Set<string>>();
  const siteOf = (room: string) => (room.startsWith(LIVE_ROOM) && room.includes('/') ? room.slice(LIVE_ROOM.length).split('/')[0]! : null);
  adapter.on('join-room', (room) => {
    const siteId = siteOf(room);
    if (siteId === null) return;
    let rooms = bySite.get(siteId);
    if (!rooms) bySite.set(siteId, (rooms = new Set()));
    rooms.add(room.slice(LIVE_ROOM.length));
  });
  adapter.on('delete-room', (room) => {
    const siteId = siteOf(room);
    const rooms = siteId === null ? undefined : bySite.get(siteId);
    rooms?.delete(room.slice(LIVE_ROOM.length));
    if (siteId !== null && rooms?.size === 0) bySite.delete(siteId);
  });
  return (siteId) => [...(bySite.get(siteId) ?? [])];
}

/**
 * "Live now" over the agent socket: an admin asks (`live:watch`, with the
 * page's filter) and hears `live:changed` for that filter after. The site is
 * the socket's session's, never the payload's: a filter naming another
 * site's department or agent matches nothing. A plain agent is refused and
 * never joins a room.
 */
export function attachLiveWatching(agents: AgentNamespace, shared: NodeDirectory<RoomWatchers> | null) {
  // In a cluster the node where a chat changes makes the figures, for admins on any node.
  const watched = watchRoomsAcrossNodes(agents.adapter, shared, [LIVE_ROOM]);
  const local = localFilterRooms(agents.adapter);
  // Alone, this node's rooms; in a cluster, every node's (this one's included) from the directory.
  const roomIds = (siteId: string) => (shared ? shared.entries(LIVE_ROOM).map((entry) => entry.id) : local(siteId));
  return {
    ports: {
      watched: (siteId: string) => watched.has(liveRoom(siteId)),
      filtersWatched(siteId: string): LiveFilter[] {
        const filters = new Map<string, LiveFilter>();
        for (const id of roomIds(siteId)) {
          const filter = filterOfRoom(id, siteId);
          if (filter) filters.set(liveFilterKey(filter), filter);
        }
        return [...filters.values()];
      },
      changed(siteId: string, figures: LiveFigures): void {
        agents.to(filterRoom(siteId, figures.filter)).emit('live:changed', figures);
      },
    },
    handlers(
      socket: { join(room: string): unknown; leave(room: string): unknown },
      session: { siteId: string; role: 'admin' | 'agent' },
      board: LiveBoard,
    ): LiveCommands {
      // One filter per socket: watching again with another replaces it.
      let following: string | null = null;
      const stop = () => {
        if (following !== null) void socket.leave(following);
        following = null;
      };
      return {
        'live:watch': async ({ filter = {} }) => {
          if (session.role !== 'admin') return fail('forbidden', 'Only admins see the live figures');
          const room = filterRoom(session.siteId, filter);
          if (following !== room) stop();
          following = room;
          void socket.join(liveRoom(session.siteId));
          void socket.join(room);
          return ok(await board.watching(session.siteId, filter));
        },
        'live:unwatch': () => {
          stop();
          void socket.leave(liveRoom(session.siteId));
          return ok(null);
        },
      };
    },
  };
}

export type LiveWatching = ReturnType<typeof attachLiveWatching>;
