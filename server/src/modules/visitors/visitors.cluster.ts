import type { RoomWatchers } from '../../realtime/watched-rooms.ts';
import type { LiveVisitor, VisitorsChanged } from '@mostrador/shared';
import type { NodeDirectory } from '../../realtime/node-directory.ts';

/** What the live list and the side panel share with a cluster's other nodes. */
export interface SharedVisitors {
  /** Scope: site id; id: visitor id; this node's shoppers, each with its row of the live list. */
  liveVisitors: NodeDirectory<LiveVisitor>;
  /** The rooms with a member on some node (realtime/watched-rooms.ts): here, the followed profiles. */
  watchedRooms: NodeDirectory<RoomWatchers>;
}

export interface ClusterLiveListOptions {
  /** This node's consoles that watch the site hear of the other nodes' shoppers. */
  tellHere(siteId: string, changes: VisitorsChanged): void;
  /** A shopper with a tab on this node too is told by this node's own list. */
  isHere(visitorId: string): boolean;
  /** Other nodes' changes are folded together and told at most this often, as this node's own are. */
  flushMs: number;
}

/**
 * The live list across a cluster. Each node keeps its own shoppers in memory,
 * as alone, and writes their rows to the shared directory; each node tells
 * its own watching consoles of the other nodes' shoppers from that directory.
 * So nothing of the list crosses Socket.IO's adapter, and when a node dies its
 * shoppers leave every other node's list as their leases run out.
 */
export class ClusterLiveList {
  readonly #pending = new Map<string, Set<string>>();
  #timer: NodeJS.Timeout | undefined;
  readonly #stop: () => void;

  constructor(
    private readonly directory: NodeDirectory<LiveVisitor>,
    private readonly options: ClusterLiveListOptions,
  ) {
    this.#stop = directory.onOthersChanged((siteId, visitorId) => {
      let ids = this.#pending.get(siteId);
      if (!ids) {
        ids = new Set();
        this.#pending.set(siteId, ids);
      }
      ids.add(visitorId);
      this.#timer ??= setTimeout(() => this.#flush(), options.flushMs);
      this.#timer.unref?.();
    });
  }

  /** This node's own changes, written for the other nodes. */
  wrote(siteId: string, changes: VisitorsChanged): void {
    for (const row of changes.updated) this.directory.put(siteId, row.id, row);
    for (const id of changes.left) this.directory.remove(siteId, id);
  }

  /** The other nodes' shoppers on the site, but those `here` already lists. */
  othersOn(siteId: string, here: readonly LiveVisitor[]): LiveVisitor[] {
    const listed = new Set(here.map((v) => v.id));
    const rows: LiveVisitor[] = [];
    for (const entry of this.directory.entries(siteId)) {
      if (entry.node === this.directory.nodeId || listed.has(entry.id)) continue;
      listed.add(entry.id);
      rows.push(entry.value);
    }
    return rows;
  }

  close(): void {
    this.#stop();
    clearTimeout(this.#timer);
    this.#pending.clear();
  }

  #flush(): void {
    this.#timer = undefined;
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [siteId, ids] of pending) {
      const latest = new Map<string, LiveVisitor>();
      for (const entry of this.directory.entries(siteId)) {
        if (entry.node !== this.directory.nodeId && ids.has(entry.id)) latest.set(entry.id, entry.value);
      }
      const changes: VisitorsChanged = { updated: [], left: [] };
      for (const id of ids) {
        if (this.options.isHere(id)) continue;
        const row = latest.get(id);
        if (row) changes.updated.push(row);
        else changes.left.push(id);
      }
      if (changes.updated.length > 0 || changes.left.length > 0) this.options.tellHere(siteId, changes);
    }
  }
}
