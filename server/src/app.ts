import Fastify, { type FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { MAX_FRAME_BYTES } from '@mostrador/shared';
import type { Config } from './config.ts';
import { AgentsRepository, AgentsService, authRoutes } from './modules/agents/index.ts';
import { assetRoutes } from './modules/assets/index.ts';
import {
  attachAgentSocket,
  attachVisitorSocket,
  conversationRoutes,
  endAgentSession,
  ConversationsRepository,
  ConversationsService,
  SocketBroadcaster,
} from './modules/conversations/index.ts';
import { demoShopRoutes } from './modules/demo-shop/index.ts';
import { SitesRepository, SitesService } from './modules/sites/index.ts';
import { VisitorsRepository, VisitorsService } from './modules/visitors/index.ts';
import { authPlugin } from './plugins/auth.ts';
import { dbPlugin } from './plugins/db.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { realtimePlugin } from './plugins/realtime.ts';

export interface Services {
  sites: SitesService;
  agents: AgentsService;
  visitors: VisitorsService;
  conversations: ConversationsService;
}

export type App = FastifyInstance & { services: Services };

/** Builds the whole product and never listens: main.ts and the tests decide where it runs. */
export async function buildApp(config: Config): Promise<App> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: MAX_FRAME_BYTES,
    trustProxy: config.trustProxy,
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Cross-cutting plugins.
  await app.register(errorsPlugin);
  await app.register(dbPlugin, { file: config.databaseFile });
  await app.register(realtimePlugin);

  // Domain services, each over its own repository.
  const sites = new SitesService(new SitesRepository(app.db));
  const agents = new AgentsService(new AgentsRepository(app.db), config.sessionDays);
  const visitors = new VisitorsService(new VisitorsRepository(app.db));
  const conversations = new ConversationsService(
    new ConversationsRepository(app.db),
    app.groupCommit,
    new SocketBroadcaster(app.realtime.visitors, app.realtime.agents),
  );

  await app.register(authPlugin, { agents });

  // HTTP.
  await app.register(authRoutes, {
    agents,
    onLogout: (sessionId) => endAgentSession(app.realtime.agents, sessionId),
    secureCookies: config.secureCookies,
    sessionDays: config.sessionDays,
  });
  await app.register(conversationRoutes, { conversations });
  await app.register(assetRoutes, { widgetFile: config.widgetFile, consoleDir: config.consoleDir });
  if (config.demoShop) await app.register(demoShopRoutes, { sites, trustProxy: config.trustProxy });
  app.get('/api/health', async () => ({ ok: true }));

  // Realtime.
  attachVisitorSocket(app.realtime.visitors, {
    sites,
    visitors,
    conversations,
    trustProxy: config.trustProxy,
    log: app.log,
  });
  attachAgentSocket(app.realtime.agents, {
    conversations,
    agentFromCookieHeader: app.agentFromCookieHeader,
    consoleOrigins: config.consoleOrigins,
    trustProxy: config.trustProxy,
    log: app.log,
  });

  const services: Services = { sites, agents, visitors, conversations };
  return Object.assign(app, { services });
}
