import type { FastifyInstance } from 'fastify';
import { ActivityRepository } from './activity.repository.ts';
import { DEFAULT_ACTIVITY_OPTIONS, VisitorActivity, type VisitorActivityPorts } from './visitor-activity.service.ts';
import { attachVisitorWatching } from './visitors.socket.ts';
import type { VisitorsService } from './visitors.service.ts';

export interface ActivityModuleDeps {
  app: FastifyInstance;
  visitors: VisitorsService;
  /** What the activity learns from, and tells, the modules around it (the consoles' rooms are its own). */
  ports: Omit<VisitorActivityPorts, 'listChanged' | 'hasFollowers' | 'profileChanged' | 'log'>;
  leaveGraceMs: number;
  listFlushMs: number;
}

/** Shop context: who is on the site, their pages, cart and identity, for the consoles that watch them. */
export function createActivityModule(deps: ActivityModuleDeps) {
  const { app } = deps;
  const watching = attachVisitorWatching(app.realtime.agents);
  const activityRepo = new ActivityRepository(app.db);
  const activity = new VisitorActivity(
    deps.visitors,
    activityRepo,
    app.groupCommit,
    {
      ...watching.ports,
      ...deps.ports,
      log: (err) => app.log.error({ err }, 'visitor activity write failed'),
    },
    {
      ...DEFAULT_ACTIVITY_OPTIONS,
      leaveGraceMs: deps.leaveGraceMs,
      listFlushMs: deps.listFlushMs,
    },
  );
  // Before sockets close: pages still open become trail entries.
  app.addHook('preClose', async () => activity.close());
  return {
    activity,
    watching,
    /** The last page the visitor was seen on, if any. */
    lastPageOf: (siteId: string, visitorId: string) => activityRepo.recentPageViews(siteId, [visitorId], 1)[0],
  };
}
