import type { FastifyInstance } from 'fastify';
import { committerFor } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import type { ActivityRepository } from './activity.repository.ts';
import { PgActivityRepository } from './activity.repository.pg.ts';
import { SqliteActivityRepository } from './activity.repository.sqlite.ts';
import { ProductCatalog } from './product-catalog.ts';
import { DEFAULT_ACTIVITY_OPTIONS, VisitorActivity, type VisitorActivityPorts } from './visitor-activity.service.ts';
import { attachVisitorWatching } from './visitors.socket.ts';
import type { VisitorsService } from './visitors.service.ts';
import type { SharedVisitors } from './visitors.cluster.ts';

export interface ActivityModuleDeps {
  app: FastifyInstance;
  engine: Engine;
  visitors: VisitorsService;
  /** What the activity learns from, and tells, the modules around it (the consoles' rooms are its own). */
  ports: Omit<VisitorActivityPorts, 'listChanged' | 'hasFollowers' | 'onlineElsewhere' | 'profileChanged' | 'log'>;
  /** In a cluster, the directories the live list and the followed profiles are shared through; null alone. */
  shared: SharedVisitors | null;
  leaveGraceMs: number;
  listFlushMs: number;
}

/** The activity repository for the engine. */
export function activityRepository(engine: Engine): ActivityRepository {
  return engine.kind === 'sqlite' ? new SqliteActivityRepository(engine.db) : new PgActivityRepository(engine.db);
}

/** Shop context: who is on the site, their pages, cart and identity, for the consoles that watch them. */
export function createActivityModule(deps: ActivityModuleDeps) {
  const { app, engine } = deps;
  const watching = attachVisitorWatching(app.realtime.agents, deps.shared, deps.listFlushMs);
  const activityRepo = activityRepository(engine);
  // SQLite: page views and carts ride the group commit, synchronously, as before; PostgreSQL: a transaction each.
  const committer = committerFor(engine, engine.kind === 'sqlite' ? app.groupCommit : undefined);
  const activity = new VisitorActivity(
    deps.visitors,
    activityRepo,
    committer,
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
  watching.listFrom(activity);
  // Before sockets close: pages still open become trail entries.
  app.addHook('preClose', async () => {
    watching.close();
    await activity.close();
  });
  return {
    activity,
    /** The site's product catalogue, for the canned replies that name a product and the demo shop that stocks its own. */
    catalog: new ProductCatalog(activityRepo),
    watching,
    /** The last page the visitor was seen on, if any. */
    lastPageOf: async (siteId: string, visitorId: string) => (await activityRepo.recentPageViews(siteId, [visitorId], 1))[0],
  };
}
