import { ok, type AgentClientEvents, type VisitorClientEvents, type VisitorProfile, type VisitorsChanged } from '@mostrador/shared';
import type { AgentNamespace } from '../../plugins/realtime.ts';
import type { CommandHandlers } from '../../realtime/commands.ts';
import type { SitesService } from '../sites/index.ts';
import type { VisitorActivity } from './visitor-activity.service.ts';
import { watchRoomsAcrossNodes } from '../../realtime/watched-rooms.ts';
import { ClusterLiveList, type SharedVisitors } from './visitors.cluster.ts';

const liveVisitorsRoom = (siteId: string) => `live-visitors:${siteId}`;
const PROFILE_ROOM = 'visitor-profile:';
const profileRoom = (visitorId: string) => `${PROFILE_ROOM}${visitorId}`;

type VisitorContextCommands = Pick<
  CommandHandlers<VisitorClientEvents>,
  'page:viewed' | 'cart:updated' | 'cart:tracked' | 'cart:set' | 'visitor:identify'
>;
type VisitorWatchingCommands = Pick<
  CommandHandlers<AgentClientEvents>,
  'visitors:watch' | 'visitors:unwatch' | 'visitor:follow' | 'visitor:unfollow' | 'products:search'
>;

/** The widget's reports of pages, cart and identity, for one connected tab. */
export function visitorContextHandlers(
  tab: {
    socketId: string;
    visitorId: string;
    siteId: string /** The origin the widget connected from, checked at the handshake. */;
    origin: string | null;
  },
  deps: { activity: VisitorActivity; sites: SitesService },
): VisitorContextCommands {
  const { activity, sites } = deps;
  return {
    'page:viewed': (page) => activity.pageViewed(tab.socketId, tab.siteId, tab.visitorId, page, tab.origin),
    'cart:updated': (update) => activity.cartUpdated(tab.siteId, tab.visitorId, update),
    'cart:tracked': (tracked) => activity.cartTracked(tab.siteId, tab.visitorId, tracked),
    'cart:set': (set) => activity.cartSet(tab.siteId, tab.visitorId, set),
    'visitor:identify': async (claim) => {
      const site = sites.byId(tab.siteId);
      if (!site) return ok({ identity: { customerId: null, name: null, email: null, verified: false } });
      return activity.identify(tab.siteId, tab.visitorId, await sites.withIdentitySecret(site), claim);
    },
  };
}

/**
 * The console's live list and side panel. Watching and following are socket
 * rooms, so they end with the socket; the console asks again after a
 * reconnect and gets a fresh snapshot. In a cluster (`shared`), the list
 * spans every node (visitors.cluster.ts) and a profile is pushed when a
 * console on any node follows it.
 */
export function attachVisitorWatching(agents: AgentNamespace, shared: SharedVisitors | null, flushMs: number) {
  const roomSize = (room: string) => agents.adapter.rooms.get(room)?.size ?? 0;
  // Each node tells its own consoles of the list: its own shoppers, and the others' from the directory.
  const tellHere = (siteId: string, changes: VisitorsChanged) => {
    if (roomSize(liveVisitorsRoom(siteId)) > 0) agents.local.to(liveVisitorsRoom(siteId)).emit('visitors:changed', changes);
  };
  let isHere: (visitorId: string) => boolean = () => false;
  const cluster = shared && new ClusterLiveList(shared.liveVisitors, { tellHere, isHere: (id) => isHere(id), flushMs });
  const followed = watchRoomsAcrossNodes(agents.adapter, shared?.watchedRooms ?? null, [PROFILE_ROOM]);
  return {
    ports: {
      listChanged(siteId: string, changes: VisitorsChanged): void {
        cluster?.wrote(siteId, changes);
        tellHere(siteId, changes);
      },
      hasFollowers: (visitorId: string) => followed.has(profileRoom(visitorId)),
      onlineElsewhere: (siteId: string, visitorId: string) => shared?.liveVisitors.holds(siteId, visitorId) ?? false,
      profileChanged(profile: VisitorProfile): void {
        agents.to(profileRoom(profile.id)).emit('visitor:changed', { profile });
      },
    },
    /** The activity this node's list is read from (set once both exist). */
    listFrom(activity: Pick<VisitorActivity, 'isOnline'>): void {
      isHere = (visitorId) => activity.isOnline(visitorId);
    },
    close(): void {
      cluster?.close();
    },
    handlers(
      socket: { join(room: string): unknown; leave(room: string): unknown },
      siteId: string,
      activity: VisitorActivity,
    ): VisitorWatchingCommands {
      return {
        'visitors:watch': () => {
          void socket.join(liveVisitorsRoom(siteId));
          const here = activity.liveList(siteId);
          return ok({ visitors: cluster ? [...here, ...cluster.othersOn(siteId, here)] : here });
        },
        'visitors:unwatch': () => {
          void socket.leave(liveVisitorsRoom(siteId));
          return ok(null);
        },
        'visitor:follow': async ({ visitorId }) => {
          const profile = await activity.profile(visitorId, siteId);
          if (profile.ok) void socket.join(profileRoom(visitorId));
          return profile;
        },
        'visitor:unfollow': ({ visitorId }) => {
          void socket.leave(profileRoom(visitorId));
          return ok(null);
        },
        'products:search': async ({ query }) => ok({ products: await activity.searchProducts(siteId, query) }),
      };
    },
  };
}

export type VisitorWatching = ReturnType<typeof attachVisitorWatching>;
