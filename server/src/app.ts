import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { MAX_FRAME_BYTES } from '@mostrador/shared';
import type { Config } from './config.ts';
import {
  adminAgentRoutes,
  AgentsRepository,
  AgentsService,
  authRoutes,
  LoginThrottle,
  loginRouteLimits,
} from './modules/agents/index.ts';
import { assetRoutes } from './modules/assets/index.ts';
import {
  AccessResolver,
  attachAgentSocket,
  attachVisitorSocket,
  conversationRoutes,
  ConversationsRepository,
  ConversationsService,
  ConversationViews,
  endAgentSession,
  QueueBoard,
  RoutingService,
  SocketBroadcaster,
  TeamCoordinator,
} from './modules/conversations/index.ts';
import { demoShopRoutes } from './modules/demo-shop/index.ts';
import { departmentRoutes, DepartmentsRepository, DepartmentsService } from './modules/departments/index.ts';
import { PresenceService } from './modules/presence/index.ts';
import { siteSettingsRoutes, SitesRepository, SitesService } from './modules/sites/index.ts';
import { TeamService } from './modules/team/index.ts';
import { defaultRules, ENGLISH_DEFAULTS, triggerRoutes, TriggersRepository, TriggersService } from './modules/triggers/index.ts';
import {
  ActivityRepository,
  attachVisitorWatching,
  DEFAULT_ACTIVITY_OPTIONS,
  VisitorActivity,
  VisitorsRepository,
  VisitorsService,
} from './modules/visitors/index.ts';
import { authPlugin } from './plugins/auth.ts';
import { dbPlugin } from './plugins/db.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { realtimePlugin } from './plugins/realtime.ts';

export interface Services {
  sites: SitesService;
  agents: AgentsService;
  departments: DepartmentsService;
  visitors: VisitorsService;
  conversations: ConversationsService;
  routing: RoutingService;
  team: TeamCoordinator;
  activity: VisitorActivity;
  triggers: TriggersService;
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
  // Only routes that ask for it (login) are rate-limited by address; its 429 goes through errorsPlugin.
  await app.register(rateLimit, { global: false });
  await app.register(dbPlugin, { file: config.databaseFile });
  await app.register(realtimePlugin, { maxPerIp: config.limits.connectionsPerIp, trustProxy: config.trustProxy });

  // The team: sites, departments, agents and who is online.
  // Every new site starts with the two default trigger rules, switched off.
  const sites = new SitesService(new SitesRepository(app.db), (site) =>
    triggers.createAll(site.id, defaultRules(ENGLISH_DEFAULTS, false)),
  );
  const departments = new DepartmentsService(new DepartmentsRepository(app.db));
  const agents = new AgentsService(new AgentsRepository(app.db), config.sessionDays, (id) =>
    departments.departmentIdsOf(id),
  );
  const visitors = new VisitorsService(new VisitorsRepository(app.db));
  const presence = new PresenceService(config.offlineGraceMs);
  app.addHook('onClose', async () => presence.close());
  const team = new TeamService(agents, departments, presence);
  const triggers = new TriggersService(new TriggersRepository(app.db), app.groupCommit, {
    agentName: (siteId, agentId) => {
      const agent = team.agent(agentId);
      return agent?.siteId === siteId ? agent.name : null;
    },
    departmentExists: (siteId, departmentId) => team.departmentList(siteId).some((d) => d.id === departmentId),
    siteName: (siteId) => sites.byId(siteId)?.name ?? '',
  });

  // Conversations and routing, over one repository and the group commit.
  const repo = new ConversationsRepository(app.db, () => app.sqlite.inTransaction);
  const access = new AccessResolver((id) => repo.guestIds(id), (id) => team.departmentIdsOf(id));
  const board = new QueueBoard(repo, team);
  const views = new ConversationViews(repo, team, board);
  const broadcaster = new SocketBroadcaster(app.realtime.visitors, app.realtime.agents, repo, views, (visitorId) =>
    activity.conversationChanged(visitorId),
  );
  const routing = new RoutingService(repo, team, app.groupCommit, broadcaster, board, access);
  const conversations = new ConversationsService(repo, app.groupCommit, broadcaster, routing, access, team, {
    invitationInTx: (siteId, visitorId, firingId) => triggers.invitationInTx(siteId, visitorId, firingId),
    repliedInTx: (visitorId, firingId, conversationId, at) => triggers.repliedInTx(visitorId, firingId, conversationId, at),
    answered: (conversationId, at) => void triggers.answered(conversationId, at),
  });
  const coordinator = new TeamCoordinator(team, presence, repo, routing, broadcaster, app.realtime.agents);

  // Shop context: who is on the site, their pages, cart and identity, for the console.
  const watching = attachVisitorWatching(app.realtime.agents);
  const activity = new VisitorActivity(visitors, new ActivityRepository(app.db), app.groupCommit, {
    ...watching.ports,
    openConversationOf: (visitorId) => conversations.openForVisitor(visitorId)?.id ?? null,
    conversationsOf: (visitorIds, limit) => conversations.conversationsOf(visitorIds, limit).map((c) => views.earlier(c)),
    cartStageReached: (visitorId, stage, at) => void triggers.cartStage(visitorId, stage, at),
    log: (err) => app.log.error({ err }, 'visitor activity write failed'),
  }, {
    ...DEFAULT_ACTIVITY_OPTIONS,
    leaveGraceMs: config.visitorLeaveGraceMs,
    listFlushMs: config.liveListFlushMs,
  });
  // Before sockets close: pages still open become trail entries.
  app.addHook('preClose', async () => activity.close());

  await app.register(authPlugin, { agents });

  // HTTP.
  await app.register(authRoutes, {
    agents,
    onLogout: (sessionId) => endAgentSession(app.realtime.agents, sessionId),
    secureCookies: config.secureCookies,
    sessionDays: config.sessionDays,
    loginLimits: loginRouteLimits(
      new LoginThrottle({
        freeFailures: config.limits.loginFreeFailures,
        baseDelayMs: config.limits.loginBaseDelayMs,
        maxDelayMs: config.limits.loginMaxDelayMs,
        forgetMs: config.limits.loginForgetMs,
      }),
      config.limits.loginPerIpPerMinute,
    ),
  });
  await app.register(conversationRoutes, { conversations, views });
  await app.register(adminAgentRoutes, {
    agents,
    setMemberships: (siteId, agentId, ids) => departments.setMemberships(siteId, agentId, ids),
    agentChanged: (agentId, siteId) => coordinator.agentEdited(agentId, siteId),
    list: (siteId) => coordinator.list(siteId).agents,
  });
  await app.register(departmentRoutes, { departments, routingChanged: (siteId) => coordinator.routingChanged(siteId) });
  await app.register(siteSettingsRoutes, { sites });
  await app.register(triggerRoutes, { triggers });
  await app.register(assetRoutes, { widgetFile: config.widgetFile, consoleDir: config.consoleDir });
  if (config.demoShop) await app.register(demoShopRoutes, { sites, trustProxy: config.trustProxy });
  app.get('/api/health', async () => ({ ok: true }));

  // Realtime.
  attachVisitorSocket(app.realtime.visitors, {
    sites,
    visitors,
    activity,
    triggers,
    onlineAgents: (siteId) => coordinator.onlineAgents(siteId),
    conversations,
    views,
    departmentChoices: (siteId) => team.departmentList(siteId).map(({ slug, name }) => ({ slug, name })),
    trustProxy: config.trustProxy,
    limits: {
      newVisitorsPerIp: config.limits.newVisitorsPerIp,
      messages: config.limits.visitorMessages,
      typing: config.limits.visitorTyping,
      events: config.limits.visitorEvents,
    },
    log: app.log,
  });
  attachAgentSocket(app.realtime.agents, {
    conversations,
    routing,
    views,
    team: coordinator,
    activity,
    watching,
    agentFromCookieHeader: app.agentFromCookieHeader,
    consoleOrigins: config.consoleOrigins,
    trustProxy: config.trustProxy,
    limits: { messages: config.limits.agentMessages, events: config.limits.agentEvents },
    log: app.log,
  });

  const services: Services = { sites, agents, departments, visitors, conversations, routing, team: coordinator, activity, triggers };
  return Object.assign(app, { services });
}
