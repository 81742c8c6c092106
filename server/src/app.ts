import { join } from 'node:path';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { MAX_FRAME_BYTES } from '@mostrador/shared';
import { dataDirOf, type Config } from './config.ts';
import { logOptions, type LogStream } from './log-options.ts';
import { createAgentsModule } from './modules/agents/index.ts';
import { assetRoutes } from './modules/assets/index.ts';
import { createAttachmentsModule } from './modules/attachments/index.ts';
import { createAvatarsModule } from './modules/avatars/index.ts';
import { createCannedRepliesModule } from './modules/canned-replies/index.ts';
import { createConversationsModule, endAgentSession, ReplyTimes, TeamCoordinator } from './modules/conversations/index.ts';
import { DemoHistoryRepository, demoShopRoutes } from './modules/demo-shop/index.ts';
import { createDepartmentsModule } from './modules/departments/index.ts';
import { createHealthModule } from './modules/health/index.ts';
import { createHoursModule } from './modules/hours/index.ts';
import { PresenceService } from './modules/presence/index.ts';
import { privacyRoutes } from './modules/privacy/index.ts';
import { createRatingsModule } from './modules/ratings/index.ts';
import { createReportsModule } from './modules/reports/index.ts';
import { createSearchModule } from './modules/search/index.ts';
import { createSitesModule } from './modules/sites/index.ts';
import { createTagsModule } from './modules/tags/index.ts';
import { createStatusLogModule, TeamService } from './modules/team/index.ts';
import { createTriggersModule, defaultRules, ENGLISH_DEFAULTS } from './modules/triggers/index.ts';
import { createVisitorsModule, parseUserAgent } from './modules/visitors/index.ts';
import { authPlugin } from './plugins/auth.ts';
import { crossSiteWritesPlugin } from './plugins/cross-site-writes.ts';
import { dbPlugin } from './plugins/db.ts';
import { andThen } from './db/committer.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { realtimePlugin } from './plugins/realtime.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import type { App, Services } from './services.ts';
import { openCluster } from './wiring/cluster.ts';
import { wireMail } from './wiring/mail.ts';
import { wirePrivacy } from './wiring/privacy.ts';
import { wireCacheInvalidation } from './wiring/cache-invalidation.ts';
import { attachSockets } from './wiring/realtime.ts';
import { wireShopContext } from './wiring/shop-context.ts';

export type { App, Services } from './services.ts';

/** Builds the whole product and never listens: main.ts and the tests decide where it runs. */
export async function buildApp(config: Config, options: { logStream?: LogStream } = {}): Promise<App> {
  const app = Fastify({
    logger: logOptions(config.logLevel, options.logStream),
    bodyLimit: MAX_FRAME_BYTES,
    trustProxy: config.trustProxy,
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Cross-cutting plugins.
  await app.register(errorsPlugin);
  await app.register(securityHeadersPlugin, { secureCookies: config.secureCookies });
  await app.register(crossSiteWritesPlugin, { consoleOrigins: config.consoleOrigins, trustProxy: config.trustProxy });
  await app.register(dbPlugin, {
    file: config.databaseFile,
    databaseUrl: config.databaseUrl,
    groupCommitIntervalMs: config.groupCommitIntervalMs,
  });
  // Without REDIS_URL: one process, all in memory, as always. With it: the bus, the directories and Socket.IO's rooms span the nodes.
  const cluster = openCluster(config, {
    info: (message) => app.log.info(message),
    warn: (err, message) => app.log.warn({ err }, message),
    error: (err, message) => app.log.error({ err }, message),
  });
  app.addHook('onClose', async () => cluster.close());
  // Who is online on the other nodes is known before this one decides anything about them (the status log, grace periods).
  await cluster.ready;
  await app.register(realtimePlugin, {
    maxPerIp: config.limits.connectionsPerIp,
    trustProxy: config.trustProxy,
    redis: cluster.redis,
    clusterName: config.clusterName,
  });
  const { engine, groupCommit } = app;

  // The team: sites, departments, agents and who is online.
  const { sites, refusedOrigins, ...siteRoutes } = await createSitesModule({
    engine,
    log: app.log,
    refusalsAcrossNodes: cluster.refusedOrigins,
    // Every new site starts with the two default trigger rules, switched off.
    siteCreated: (site) => triggers.createAll(site.id, defaultRules(ENGLISH_DEFAULTS, false)),
    branding: {
      replySeconds: (siteId) => replyTimes.medianSeconds(siteId),
      brandingChanged: (siteId, branding) => broadcaster.brandingChanged(siteId, branding),
    },
  });
  const { departments, routes: departmentRoutes } = await createDepartmentsModule({
    engine,
    routingChanged: (siteId) => coordinator.routingChanged(siteId),
  });
  const { agents, sessions, ...agentRoutes } = await createAgentsModule({
    engine,
    config,
    departments,
    pictureOf: (id) => avatars.pictureOf(id),
    rateLimits: cluster.limits,
    records: cluster.records,
    // Ending a session closes its sockets at once (logout, password change, deactivation, "end session").
    sessions: { endSockets: (sessionId) => endAgentSession(app.realtime.agents, sessionId), deviceOf: (ua) => parseUserAgent(ua) },
    admin: {
      agentChanged: async (agentId, siteId) => coordinator.agentEdited(agentId, siteId),
      list: async (siteId) => (await coordinator.list(siteId)).agents,
      agentDeactivated: (agentId, siteId) => {
        void routing.agentWentOffline(agentId, siteId);
        // A deactivated agent's picture goes with them (their name stays on the history).
        void avatars.remove(siteId, agentId).catch((err: unknown) => app.log.error({ err }, 'picture removal failed'));
      },
    },
  });
  // Agents' pictures, as files under DATA_DIR/avatars with random names; a change is told like any edit of the agent.
  const { avatars, routes: avatarRoutes } = await createAvatarsModule({
    engine,
    dir: join(dataDirOf(config), 'avatars'),
    ports: {
      agentExists: (siteId, id) => agents.byId(siteId, id) !== undefined,
      // Told in the background: a failed read (the database gone at shutdown) is logged, never an unhandled rejection.
      changed: (siteId, id) => {
        const told = coordinator.pictureChanged(id, siteId);
        if (told instanceof Promise) told.catch((err: unknown) => app.log.error({ err }, 'a picture change was not told'));
      },
    },
  });
  const visitorsModule = await createVisitorsModule({ engine });
  const { visitors } = visitorsModule;
  const presence = new PresenceService(config.offlineGraceMs, cluster.agentPresence);
  app.addHook('onClose', async () => presence.close());
  const team = new TeamService(agents, departments, presence, (id) => avatars.pictureOf(id));
  // Business hours per site and department, cached: "open now?" never reads the database.
  const { hours, routes: hoursRoutes } = await createHoursModule({
    engine,
    departments,
    team,
    changed: (siteId) => {
      void routing.drain(siteId);
      void states.ticketUnserved().catch(stateFailed);
      broadcaster.hoursChanged(siteId, hours.forWidget(siteId));
    },
  });
  const triggersModule = await createTriggersModule({
    engine,
    groupCommit,
    team,
    sites,
    // The reports define conversions; they are built below, and asked only when an admin reads the trigger report.
    conversions: (siteId, from, to, attributionDays) => reportsModule.reports.triggerConversions(siteId, from, to, attributionDays),
  });
  const { triggers } = triggersModule;

  // State changes off the request path (a visitor leaving, an agent going, hours edited) are logged if they fail.
  const stateFailed = (err: unknown) => app.log.error({ err }, 'conversation state change failed');
  const canAnswer = (siteId: string, departmentId: string | null, at: number) =>
    hours.isOpen(siteId, departmentId, at) && team.candidates(siteId, departmentId).length > 0;
  const reportsModule = createReportsModule({
    app,
    engine,
    hours,
    team,
    npsBetween: (siteId, from, to) => ratings.npsReport(siteId, from, to),
    statusChanges: (siteId, from, to, agentId) => changesIn(siteId, from, to, agentId),
    watchedRooms: cluster.redis ? cluster.watchedRooms : null,
  });
  // Conversations and routing, over one repository and the group commit.
  const conversationsModule = createConversationsModule({
    app,
    engine,
    ticketWeight: config.ticketWeight,
    team,
    hours,
    triggers,
    canAnswer,
    stateFailed,
    siteChanged: (siteId) => reportsModule.touch(siteId),
    visitorConversationChanged: (siteId, visitorId, openId) => activity.conversationChanged(siteId, visitorId, openId),
    files: {
      claimInTx: (tx, siteId, authorId, ids) => attachments.claimInTx(tx, siteId, authorId, ids),
      bindInTx: (tx, siteId, ids, at) => attachments.bindInTx(tx, siteId, ids, at),
    },
    // The visitors' activity is built below, from these conversations; a card is only asked for once both exist.
    products: { productSeen: (siteId, visitorId, url) => activity.productSeen(siteId, visitorId, url) },
    canReach: (siteId, visitorId) => contacts.of(siteId, visitorId) !== null,
    tagList: { ensureInTx: (tx, siteId, names) => tags.ensureInTx(tx, siteId, names) },
  });
  const { repo, views, broadcaster, routing, conversations, states, toolbox } = conversationsModule;
  const attachmentsModule = await createAttachmentsModule({
    app,
    engine,
    config: config.attachments,
    visitorUploadMbPerIp: cluster.limits.buckets('visitor-upload-mb', config.limits.visitorUploadMbPerIp),
    trustProxy: config.trustProxy,
    sites,
    visitorByToken: (siteId, token) => visitors.byToken(siteId, token),
    agentCanRead: async (siteId, agentId, conversationId) => {
      const agent = team.agent(siteId, agentId);
      return (
        agent !== undefined &&
        (await conversations.agentCanRead({ kind: 'agent', siteId, agentId, name: agent.name, role: agent.role }, conversationId))
      );
    },
  });
  const { attachments, thumbnails, unsentUploads } = attachmentsModule;
  // The end of a chat: the shopper's rating of their ended conversation, and the NPS question.
  const ratingsModule = await createRatingsModule({
    engine,
    groupCommit,
    ports: {
      conversationInTx: (tx, siteId, id) => repo.byIdInTx(tx, siteId, id),
      // The conversation keeps its latest rating on its row, for the console's summaries.
      ratedInTx: (tx, conversation, rating) =>
        andThen(repo.updateInTx(tx, conversation.siteId, conversation.id, { rating }), () => undefined),
      settings: (siteId) => sites.byId(siteId),
      customerOf: (siteId, visitorId) => visitors.customerOf(siteId, visitorId),
      rated: async (conversation, rating, low) => {
        const row = await repo.byId(conversation.siteId, conversation.id);
        if (row) broadcaster.conversationRated(row, rating, low);
      },
    },
  });
  const { ratings } = ratingsModule;
  const { tags, routes: tagRoutes } = createTagsModule({
    engine,
    groupCommit,
    conversations: { ...conversationsModule.tagged, retagged: (siteId, ids) => toolbox.retagged(siteId, ids) },
  });
  // Each agent's status changes, for the reports' online and away time.
  const { statusLog, changesIn, leftOpen } = await createStatusLogModule({
    engine,
    groupCommit,
    log: (err) => app.log.error({ err }, 'status change not recorded'),
    shared: cluster.redis !== null,
  });
  const coordinator = new TeamCoordinator(
    team,
    presence,
    repo,
    routing,
    broadcaster,
    app.realtime.agents,
    (siteId) => sites.brandingOf(sites.byId(siteId)!).showTeam,
    statusLog,
    (err) => app.log.error({ err }, 'an agent’s change was not told'),
  );
  await coordinator.expected;
  // In a cluster, agents the log holds online may be on other nodes: if no node has them after the grace period, they went offline.
  for (const { agentId, siteId } of leftOpen) presence.expectBack(agentId, siteId);
  const replyTimes = new ReplyTimes((siteId, since) => repo.firstReplyWaits(siteId, since));

  // Shop context: who is on the site, their pages, cart and identity, for the console.
  const shop = await wireShopContext({
    app,
    config,
    visitors,
    conversations,
    views,
    attachments,
    triggers,
    states,
    stateFailed,
    shared: cluster.redis ? { liveVisitors: cluster.liveVisitors, watchedRooms: cluster.watchedRooms } : null,
  });
  const { activity, contacts } = shop;
  const mail = wireMail({ app, config, sites, visitors, conversations, shop });

  const { inboundMail, email } = mail;

  const cannedModule = createCannedRepliesModule({
    engine,
    departments,
    pictures: attachmentsModule.cannedPictures(),
    products: shop.catalog,
    lines: conversationsModule.visitorLines,
    shopName: (siteId) => sites.byId(siteId)?.name ?? '',
  });
  const { canned } = cannedModule;
  // Privacy: every module that holds shopper data registers it, for export, erasure and retention.
  const { audit, privacyRegistry, privacy, retention } = wirePrivacy({
    app,
    config,
    data: {
      visitors: visitorsModule.personalData(),
      attachments: attachmentsModule.personalData(),
      cannedUses: cannedModule.personalData(),
      triggers: triggersModule.personalData(),
      contacts: shop.contactsData(),
      ratings: ratingsModule.personalData(),
      reportFacts: reportsModule.personalData(conversationsModule.visitorLines),
      email: email.personalData,
    },
    conversationsErased: (siteId, ids) => broadcaster.conversationsErased(siteId, ids),
    forgetActivity: (visitorIds) => activity.forget(visitorIds),
    subjectErased: (scope) => {
      coordinator.routingChanged(scope.siteId);
      acrossNodes.shoppersErased(scope);
    },
    sitesWithRetention: () => sites.withRetention(),
  });
  await states.start(config.statusSweepMs, (err) => app.log.error({ err }, 'status sweep failed'));
  app.addHook('preClose', async () => states.stop());

  await app.register(authPlugin, { sessions });

  // HTTP.
  await agentRoutes.authRoutes(app);
  await conversationsModule.routes(app);
  await agentRoutes.adminRoutes(app);
  await avatarRoutes(app);
  await agentRoutes.accountRoutes(app);
  await departmentRoutes(app);
  await siteRoutes.settingsRoutes(app);
  await siteRoutes.brandingRoutes(app);
  await triggersModule.routes(app);
  await tagRoutes(app);
  await createSearchModule({ app, engine, databaseFile: config.databaseFile }).routes(app);
  // The agent's toolbox: canned replies.
  await cannedModule.routes(app);
  await hoursRoutes(app);
  await ratingsModule.routes(app);
  await reportsModule.routes(app);
  await mail.emailRoutes(app);
  await app.register(privacyRoutes, { privacy, audit });
  await mail.mailgunRoutes(app);
  await attachmentsModule.routes(app);
  await app.register(assetRoutes, { widgetFile: config.widgetFile, consoleDir: config.consoleDir });
  if (config.demoShop) await app.register(demoShopRoutes, { sites, trustProxy: config.trustProxy });
  // For monitors and load balancers; a draining node (SIGTERM, shutdown.ts) stays healthy but turns unready.
  const { health, routes: healthRoutes } = createHealthModule({ app, redis: cluster.redis });
  await healthRoutes(app);

  // Realtime.
  const { triggerEngine } = attachSockets(app, config, {
    desk: conversationsModule,
    shop,
    sites,
    visitors,
    triggers,
    refusedOrigins,
    coordinator,
    team,
    hours,
    visitorUploads: attachmentsModule.visitorUploads,
    replyTimes,
    ratings,
    transcripts: email.transcripts,
    liveHandlers: reportsModule.liveHandlers,
    rateLimits: cluster.limits,
  });
  // What this node keeps in memory of the tables, kept as the tables are when other nodes write them.
  const acrossNodes = wireCacheInvalidation(
    cluster.bus,
    {
      sites,
      agents,
      avatars,
      departments,
      hours,
      triggers,
      contacts,
      customers: {
        onChanged: (listener) => visitors.onCustomerLinked(listener),
        reload: (siteId, visitorId) => visitors.reloadCustomer(siteId, visitorId),
        load: () => visitors.load(),
      },
      npsAnswers: ratings,
      forgetShoppers: ({ siteId, visitorIds, customerIds }) => {
        contacts.forget(siteId, visitorIds);
        ratings.forgetAnswers(siteId, visitorIds, customerIds);
        activity.forget(visitorIds);
      },
    },
    (err) => app.log.error({ err }, 'a cache was not read again'),
  );

  const services: Services = {
    sites,
    agents,
    avatars,
    departments,
    visitors,
    conversations,
    routing,
    team: coordinator,
    activity,
    catalog: shop.catalog,
    triggers,
    triggerEngine,
    hours,
    canned,
    tags,
    states,
    ratings,
    privacy,
    privacyRegistry,
    audit,
    retention,
    inboundMail,
    email,
    attachments,
    unsentUploads,
    thumbnails,
    health,
    demoHistory: new DemoHistoryRepository(engine, groupCommit),
    cluster,
  };
  return Object.assign(app, { services });
}
