import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../db/engine.ts';
import type { NodeDirectory } from '../../realtime/node-directory.ts';
import type { RoomWatchers } from '../../realtime/watched-rooms.ts';
import { FactsRefresher } from './facts-refresher.ts';
import { LiveBoard } from './live-board.ts';
import { PgLiveRepository } from './live.repository.pg.ts';
import { SqliteLiveRepository } from './live.repository.sqlite.ts';
import type { LiveRepository } from './live.repository.ts';
import { ReportFactsPersonalData, type SubjectConversations } from './report-facts.personal-data.ts';
import { attachLiveWatching, type LiveWatching } from './live.socket.ts';
import { PgReportsRepository } from './reports.repository.pg.ts';
import type { ReportsRepository } from './reports.repository.ts';
import { SqliteReportsRepository } from './reports.repository.sqlite.ts';
import { reportsRoutes } from './reports.routes.ts';
import { ReportsService, type ReportPorts } from './reports.service.ts';

/** The agent socket, its session and the board, as the live commands take them. */
type LiveHandlerArgs = Parameters<LiveWatching['handlers']>;

export interface ReportsModuleDeps {
  app: FastifyInstance;
  engine: Engine;
  hours: { scheduleFor: ReportPorts['scheduleFor'] };
  npsBetween: ReportPorts['npsBetween'];
  statusChanges: ReportPorts['statusChanges'];
  team: {
    summaries(
      siteId: string,
      loads: ReadonlyMap<string, number>,
    ): ReadonlyArray<{ id: string; status: string; departmentIds: readonly string[] }>;
    agentRef(siteId: string, agentId: string): { name: string } | null;
    capacityOf: ReportPorts['capacityOf'];
  };
  /** In a cluster, which rooms have a member on some node (admins watching "Live now" anywhere); null alone. */
  watchedRooms: NodeDirectory<RoomWatchers> | null;
}

/** The reports' reads on the engine the app runs on. */
export function reportsRepository(engine: Engine): ReportsRepository {
  return engine.kind === 'sqlite' ? new SqliteReportsRepository(engine.db) : new PgReportsRepository(engine.db);
}

/** The live counts' read on the engine the app runs on. */
export function liveRepository(engine: Engine): LiveRepository {
  return engine.kind === 'sqlite' ? new SqliteLiveRepository(engine.db) : new PgLiveRepository(engine.db);
}

/** The reports, and the "Live now" figures pushed to the admins watching them. */
export function createReportsModule(deps: ReportsModuleDeps) {
  const { app, hours, team } = deps;
  // Reports are plain reads; "Live now" recomputes a watched site's figures at most once a second, in a timer.
  const reportsRepo = reportsRepository(deps.engine);
  const reports = new ReportsService(reportsRepo, {
    timeZoneOf: (siteId) => hours.scheduleFor(siteId, null)?.timeZone ?? 'UTC',
    scheduleFor: (siteId, departmentId) => hours.scheduleFor(siteId, departmentId),
    npsBetween: deps.npsBetween,
    statusChanges: deps.statusChanges,
    capacityOf: (siteId, agentId) => team.capacityOf(siteId, agentId),
  });
  const liveWatching = attachLiveWatching(app.realtime.agents, deps.watchedRooms);
  const liveRepo = liveRepository(deps.engine);
  const live = new LiveBoard(
    {
      ...liveWatching.ports,
      counts: (siteId, filter) => liveRepo.liveCounts(siteId, filter),
      // Agents follow the department (its members) and the agent filters only: LIVE_FILTERS_APPLIED.agentsOnline.
      agentsOnline: (siteId, { departmentId, agentId }) =>
        team
          .summaries(siteId, new Map())
          .filter((a) => a.status === 'online')
          .filter((a) => (departmentId ? a.departmentIds.includes(departmentId) : true) && (agentId ? a.id === agentId : true)).length,
      firstResponseToday: (siteId, filter) => reports.firstResponseToday(siteId, filter),
    },
    undefined,
    (err) => app.log.error({ err }, 'live figures not computed'),
  );
  // The stored facts of changed conversations are brought up to date in a timer, never on the message path.
  const facts = new FactsRefresher(
    (siteId, since) => reports.refreshChanged(siteId, since),
    undefined,
    (err) => app.log.error({ err }, 'report facts not refreshed'),
  );
  app.addHook('preClose', async () => {
    live.close();
    await facts.close();
  });
  return {
    reports,
    live,
    /** A site's conversations changed: the live board and the stored facts hear of it (each a map write). */
    touch(siteId: string): void {
      live.touch(siteId);
      facts.touch(siteId);
    },
    /** The stored report facts of shoppers' conversations, for the privacy registry. */
    personalData: (lines: SubjectConversations) => new ReportFactsPersonalData(deps.engine, lines),
    /** The admins' `live:watch` and `live:unwatch` commands, for the agent socket. */
    liveHandlers: (socket: LiveHandlerArgs[0], session: LiveHandlerArgs[1]) => liveWatching.handlers(socket, session, live),
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(reportsRoutes, { reports, agentName: (siteId, agentId) => team.agentRef(siteId, agentId)?.name });
    },
  };
}
