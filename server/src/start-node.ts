import { buildApp, type App } from './app.ts';
import type { Config } from './config.ts';
import { underSessionLock } from './db/pg/session-lock.ts';
import { seedDemo, type DemoSeed } from './modules/demo-shop/index.ts';

/** A built app, its demo shop seeded, not yet listening. */
export interface StartedNode {
  app: App;
  seed: DemoSeed;
}

/** The lock the nodes sharing one PostgreSQL database take to start one at a time. */
const START_LOCK = 'mostrador:start';

/**
 * Builds the app and seeds the demo shop on the first run. On PostgreSQL the
 * nodes of a cluster may start at once on a new database: each builds and
 * seeds under one lock, so the first creates the demo shop and the others
 * load it with the rest of the caches (sites, agents, triggers) they build
 * after it, instead of each making a demo shop of its own. A node waits for
 * the one before it to start, about a second; migrations already wait so.
 */
export async function startNode(config: Config): Promise<StartedNode> {
  const start = async (): Promise<StartedNode> => {
    const app = await buildApp(config);
    try {
      const seed = await seedDemo(app.services, { shopUrl: config.mail.publicUrl, password: config.demoPassword ?? undefined });
      return { app, seed };
    } catch (error) {
      await app.close();
      throw error;
    }
  };
  return config.databaseUrl ? underSessionLock(config.databaseUrl, START_LOCK, start) : start();
}
