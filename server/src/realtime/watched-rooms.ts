import { z } from 'zod';
import type { NodeDirectory } from './node-directory.ts';

/** How many of one node's sockets are in a room. */
export const RoomWatchers = z.object({ watchers: z.number().int().min(1) });
export type RoomWatchers = z.infer<typeof RoomWatchers>;

interface RoomsAdapter {
  rooms: Map<string, Set<string>>;
  on(event: 'join-room' | 'leave-room' | 'delete-room', listener: (room: string) => void): unknown;
}

/** Whether a room has a member on any node. */
export interface WatchedRooms {
  has(room: string): boolean;
}

/**
 * For rooms whose facts cost work to make (a profile read, live figures):
 * whether anyone on any node is in one, so the node where the change happens
 * makes the fact only when someone will hear it. Each node writes its own
 * rooms of the given kinds (by name prefix) to the cluster's directory as
 * they come and go; alone (`directory` null), only this node's rooms count.
 */
export function watchRoomsAcrossNodes(
  adapter: RoomsAdapter,
  directory: NodeDirectory<RoomWatchers> | null,
  prefixes: readonly string[],
): WatchedRooms {
  const local = (room: string) => adapter.rooms.get(room)?.size ?? 0;
  const split = (room: string) => {
    const prefix = prefixes.find((p) => room.startsWith(p));
    return prefix === undefined ? null : { scope: prefix, id: room.slice(prefix.length) };
  };
  if (directory) {
    const changed = (room: string) => {
      const key = split(room);
      if (!key) return;
      const watchers = local(room);
      if (watchers > 0) directory.put(key.scope, key.id, { watchers });
      else directory.remove(key.scope, key.id);
    };
    // Socket.IO's adapter tells 'create-room' before the first member is in the room, so the count is read on
    // 'join-room' and 'leave-room' (after the member came or went) and 'delete-room' (after the last went).
    adapter.on('join-room', changed);
    adapter.on('leave-room', changed);
    adapter.on('delete-room', changed);
  }
  return {
    has(room: string): boolean {
      if (local(room) > 0) return true;
      const key = directory && split(room);
      return key ? directory.holds(key.scope, key.id) : false;
    },
  };
}
