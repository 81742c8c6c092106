import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { MAX_FRAME_BYTES } from '@mostrador/shared';
import { dataDirOf, type Config } from './config.ts';
import { logOptions, type LogStream } from './log-options.ts';
import { createAgentsModule, type AgentsService } from './modules/agents/index.ts';
import { assetRoutes } from './modules/assets/index.ts';
import { HealthService, healthRoutes } from './modules/health/index.ts';
import { createAvatarsModule, type AvatarsService } from './modules/avatars/index.ts';
import {
  createAttachmentsModule,
  type AttachmentsService,
  type ThumbnailWorker,
  type UnsentUploadsSweep,
} from './modules/attachments/index.ts';
import { createCannedRepliesModule, type CannedRepliesService } from './modules/canned-replies/index.ts';
import {
  attachAgentSocket,
  actorOf,
  attachVisitorSocket,
  ConversationsPersonalData,
  createConversationsModule,
  disconnectVisitors,
  endAgentSession,
  ReplyTimes,
  TeamCoordinator,
  type ConversationsService,
  type ConversationStates,
  type RoutingService,
} from './modules/conversations/index.ts';
import { demoShopRoutes } from './modules/demo-shop/index.ts';
import { chatLinkOf, createEmailModule, emailRoutes } from './modules/email/index.ts';
import { createDepartmentsModule, type DepartmentsService } from './modules/departments/index.ts';
import { createHoursModule, type HoursService } from './modules/hours/index.ts';
import { InboundMailService, mailgunRoutes, ReplyText, WebhookTokensRepository } from './modules/inbound-mail/index.ts';
import { PresenceService } from './modules/presence/index.ts';
import { createRatingsModule, type RatingsService } from './modules/ratings/index.ts';
import { createReportsModule } from './modules/reports/index.ts';
import { ContactsPersonalData, ContactsRepository, ContactsService } from './modules/tickets/index.ts';
import {
  createPrivacyModule,
  type AuditLog,
  type PrivacyRegistry,
  privacyRoutes,
  type PrivacyService,
  type RetentionJob,
} from './modules/privacy/index.ts';
import { createSitesModule, isOriginAllowed, type SitesService } from './modules/sites/index.ts';
import { SearchRepository, searchRoutes, SearchService, SearchVocabulary } from './modules/search/index.ts';
import { createTagsModule, type TagsService } from './modules/tags/index.ts';
import { createStatusLogModule, TeamService } from './modules/team/index.ts';
import { createTriggersModule, defaultRules, ENGLISH_DEFAULTS, type TriggersService } from './modules/triggers/index.ts';
import {
  ActivityRepository,
  attachVisitorWatching,
  DEFAULT_ACTIVITY_OPTIONS,
  parseUserAgent,
  VisitorActivity,
  createVisitorsModule,
  type VisitorsService,
} from './modules/visitors/index.ts';
import { authPlugin } from './plugins/auth.ts';
import { crossSiteWritesPlugin } from './plugins/cross-site-writes.ts';
import { dbPlugin } from './plugins/db.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { realtimePlugin } from './plugins/realtime.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';

export interface Services {
  sites: SitesService;
  agents: AgentsService;
  avatars: AvatarsService;
  departments: DepartmentsService;
  visitors: VisitorsService;
  conversations: ConversationsService;
  routing: RoutingService;
  team: TeamCoordinator;
  activity: VisitorActivity;
  triggers: TriggersService;
  hours: HoursService;
  canned: CannedRepliesService;
  tags: TagsService;
  states: ConversationStates;
  ratings: RatingsService;
  privacy: PrivacyService;
  privacyRegistry: PrivacyRegistry;
  audit: AuditLog;
  retention: RetentionJob;
  inboundMail: InboundMailService;
  email: ReturnType<typeof createEmailModule>;
  attachments: AttachmentsService;
  unsentUploads: UnsentUploadsSweep;
  thumbnails: ThumbnailWorker;
  health: HealthService;
}

export type App = FastifyInstance & { services: Services };

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
  // Only routes that ask for it (login) are rate-limited by address; its 429 goes through errorsPlugin.
  await app.register(rateLimit, { global: false });
  await app.register(dbPlugin, { file: config.databaseFile, groupCommitIntervalMs: config.groupCommitIntervalMs });
  await app.register(realtimePlugin, { maxPerIp: config.limits.connectionsPerIp, trustProxy: config.trustProxy });
  const { db, groupCommit } = app;

  // The team: sites, departments, agents and who is online.
  const { sites, refusedOrigins, ...siteRoutes } = createSitesModule({
    db,
    log: app.log,
    // Every new site starts with the two default trigger rules, switched off.
    siteCreated: (site) => triggers.createAll(site.id, defaultRules(ENGLISH_DEFAULTS, false)),
    branding: {
      replySeconds: (siteId) => replyTimes.medianSeconds(siteId),
      brandingChanged: (siteId, branding) => broadcaster.brandingChanged(siteId, branding),
    },
  });
  const { departments, routes: departmentRoutes } = createDepartmentsModule({
    db,
    routingChanged: (siteId) => coordinator.routingChanged(siteId),
  });
  const { agents, sessions, ...agentRoutes } = createAgentsModule({
    app,
    config,
    departments,
    pictureOf: (id) => avatars.pictureOf(id),
    // Ending a session closes its sockets at once (logout, password change, deactivation, "end session").
    sessions: { endSockets: (sessionId) => endAgentSession(app.realtime.agents, sessionId), deviceOf: (ua) => parseUserAgent(ua) },
    admin: {
      agentChanged: (agentId, siteId) => coordinator.agentEdited(agentId, siteId),
      list: (siteId) => coordinator.list(siteId).agents,
      agentDeactivated: (agentId, siteId) => {
        void routing.agentWentOffline(agentId, siteId);
        // A deactivated agent's picture goes with them (their name stays on the history).
        void avatars.remove(siteId, agentId).catch((err: unknown) => app.log.error({ err }, 'picture removal failed'));
      },
    },
  });
  // Agents' pictures, as files under DATA_DIR/avatars with random names; a change is told like any edit of the agent.
  const { avatars, routes: avatarRoutes } = createAvatarsModule({
    db,
    dir: join(dataDirOf(config), 'avatars'),
    ports: {
      agentExists: (siteId, id) => agents.byId(siteId, id) !== undefined,
      changed: (siteId, id) => coordinator.pictureChanged(id, siteId),
    },
  });
  const visitorsModule = createVisitorsModule({ db });
  const { visitors } = visitorsModule;
  const presence = new PresenceService(config.offlineGraceMs);
  app.addHook('onClose', async () => presence.close());
  const team = new TeamService(agents, departments, presence, (id) => avatars.pictureOf(id));
  // Business hours per site and department, cached: "open now?" never reads the database.
  const { hours, routes: hoursRoutes } = createHoursModule({
    db,
    departments,
    team,
    changed: (siteId) => {
      void routing.drain(siteId);
      void states.ticketUnserved().catch(stateFailed);
      broadcaster.hoursChanged(siteId, hours.forWidget(siteId));
    },
  });
  const triggersModule = createTriggersModule({ db, groupCommit: app.groupCommit, team, sites });
  const { triggers } = triggersModule;

  // State changes off the request path (a visitor leaving, an agent going, hours edited) are logged if they fail.
  const stateFailed = (err: unknown) => app.log.error({ err }, 'conversation state change failed');
  const canAnswer = (siteId: string, departmentId: string | null, at: number) =>
    hours.isOpen(siteId, departmentId, at) && team.candidates(siteId, departmentId).length > 0;
  const reportsModule = createReportsModule({
    app,
    hours,
    team,
    npsBetween: (siteId, from, to) => ratings.npsReport(siteId, from, to),
    statusChanges: (siteId, from, to, agentId) => changesIn(siteId, from, to, agentId),
  });
  // Conversations and routing, over one repository and the group commit.
  const conversationsModule = createConversationsModule({
    app,
    ticketWeight: config.ticketWeight,
    team,
    hours,
    triggers,
    canAnswer,
    stateFailed,
    siteChanged: (siteId) => reportsModule.live.touch(siteId),
    ratingOf: (siteId, id) => ratings.latest(siteId, id),
    visitorConversationChanged: (siteId, visitorId) => activity.conversationChanged(siteId, visitorId),
    files: {
      claimInTx: (siteId, authorId, ids) => attachments.claimInTx(siteId, authorId, ids),
      bindInTx: (siteId, ids, at) => attachments.bindInTx(siteId, ids, at),
    },
    // The visitors' activity is built below, from these conversations; a card is only asked for once both exist.
    products: { productSeen: (siteId, visitorId, url) => activity.productSeen(siteId, visitorId, url) },
    canReach: (siteId, visitorId) => contacts.of(siteId, visitorId) !== null,
    tagList: { ensureInTx: (siteId, names) => tags.ensureInTx(siteId, names) },
  });
  const { repo, views, broadcaster, routing, conversations, states, toolbox, receipts } = conversationsModule;
  const attachmentsModule = createAttachmentsModule({
    app,
    config: config.attachments,
    visitorUploadMbPerIp: config.limits.visitorUploadMbPerIp,
    trustProxy: config.trustProxy,
    sites,
    visitorByToken: (siteId, token) => visitors.byToken(siteId, token),
    agentCanRead: (siteId, agentId, conversationId) => {
      const agent = team.agent(siteId, agentId);
      return (
        agent !== undefined &&
        conversations.agentCanRead({ kind: 'agent', siteId, agentId, name: agent.name, role: agent.role }, conversationId)
      );
    },
  });
  const { attachments, thumbnails, unsentUploads } = attachmentsModule;
  // The end of a chat: the shopper's rating of their ended conversation, and the NPS question.
  const ratingsModule = createRatingsModule({
    db,
    groupCommit,
    ports: {
      conversation: (siteId, id) => repo.byId(siteId, id),
      settings: (siteId) => sites.byId(siteId),
      customerOf: (siteId, visitorId) => visitors.byId(siteId, visitorId)?.customerId ?? null,
      rated: (conversation, rating, low) => {
        const row = repo.byId(conversation.siteId, conversation.id);
        if (row) broadcaster.conversationRated(row, rating, low);
      },
    },
  });
  const { ratings } = ratingsModule;
  const { tags, routes: tagRoutes } = createTagsModule({
    db,
    groupCommit,
    conversations: { ...conversationsModule.tagged, retagged: (siteId, ids) => toolbox.retagged(siteId, ids) },
  });
  // Each agent's status changes, for the reports' online and away time.
  const { statusLog, changesIn } = await createStatusLogModule({
    db,
    groupCommit,
    log: (err) => app.log.error({ err }, 'status change not recorded'),
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
  );
  const replyTimes = new ReplyTimes((siteId, since) => repo.firstReplyWaits(siteId, since));

  // Shop context: who is on the site, their pages, cart and identity, for the console.
  const watching = attachVisitorWatching(app.realtime.agents);
  const activityRepo = new ActivityRepository(db);
  const activity = new VisitorActivity(
    visitors,
    activityRepo,
    app.groupCommit,
    {
      ...watching.ports,
      openConversationOf: (siteId, visitorId) => conversations.openForVisitor(siteId, visitorId)?.id ?? null,
      conversationsOf: (siteId, visitorIds, limit) => conversations.conversationsOf(siteId, visitorIds, limit).map((c) => views.earlier(c)),
      filesOf: (siteId, visitorIds, limit) => attachments.sentToVisitors(siteId, visitorIds, limit),
      cartStageReached: (siteId, visitorId, stage, at) => void triggers.cartStage(siteId, visitorId, stage, at),
      visitorLeft: (siteId, visitorId, at) => void states.visitorLeft(siteId, visitorId, at).catch(stateFailed),
      visitorArrived: (siteId, visitorId) => void states.visitorArrived(siteId, visitorId).catch(stateFailed),
      log: (err) => app.log.error({ err }, 'visitor activity write failed'),
    },
    {
      ...DEFAULT_ACTIVITY_OPTIONS,
      leaveGraceMs: config.visitorLeaveGraceMs,
      listFlushMs: config.liveListFlushMs,
    },
  );
  // Before sockets close: pages still open become trail entries.
  app.addHook('preClose', async () => activity.close());

  // The offline form's answers; a verified customer's email counts as one, so it is never asked again.
  const verifiedContact = (siteId: string, visitorId: string) => {
    const visitor = visitors.byId(siteId, visitorId);
    const identity = visitor ? visitors.identityOf(visitor) : null;
    return identity?.verified && identity.email ? { email: identity.email, name: identity.name } : null;
  };
  const contactsRepo = new ContactsRepository(app.db);
  const contacts = new ContactsService(contactsRepo, verifiedContact);
  // Shoppers' email replies, threaded back as their messages; main.ts opens the SMTP door, the Mailgun one is a route.
  const replyText = new ReplyText();
  app.addHook('onClose', async () => replyText.close());
  const inboundMail = new InboundMailService(config.mail.replyDomain, replyText, {
    conversation: (conversationId) => {
      const row = conversations.byReplyAddress(conversationId);
      return row ? { siteId: row.siteId, visitorId: row.visitorId, label: row.visitorLabel } : null;
    },
    visitorEmails: (siteId, visitorId) =>
      [contactsRepo.of(siteId, visitorId)?.email, verifiedContact(siteId, visitorId)?.email].filter((e): e is string => !!e),
    sendAsVisitor: async ({ siteId, visitorId, label }, input) => {
      const sent = await conversations.sendFromVisitor({ kind: 'visitor', siteId, visitorId, label }, input);
      return sent.ok ? { ok: true, data: { conversationId: sent.data.conversation.id } } : sent;
    },
    // Bounces (VERP): the email module, created just below, is only reached when a mail arrives.
    takesBounce: (address) => email.outbox.takesBounce(address),
    bounced: (address, reason) => email.outbox.bounced(address, reason),
    log: (fields) => app.log.info(fields, 'inbound mail not threaded'),
  });
  // Mail to shoppers: agents' replies they did not see, and transcripts; a background worker, off the message path.
  const email = createEmailModule({
    db,
    groupCommit: app.groupCommit,
    mail: config.mail,
    directory: {
      shopName: (siteId) => sites.byId(siteId)?.name ?? '',
      recipient: (siteId, visitorId) => {
        const contact = contacts.of(siteId, visitorId);
        const visitor = contact ? visitors.byId(siteId, visitorId) : undefined;
        return contact ? { ...contact, language: visitor?.language ?? null, timeZone: visitor?.timeZone ?? null } : null;
      },
      chatLink: (siteId, visitorId) => {
        // Only a page on an origin the shop allows: a visitor's own report of where it was is never a link elsewhere.
        const page = activityRepo.recentPageViews(siteId, [visitorId], 1)[0];
        const allowed = sites.byId(siteId)?.allowedOrigins ?? [];
        const serverOrigin = new URL(config.mail.publicUrl).origin;
        return page && isOriginAllowed(page.url, allowed, serverOrigin) ? chatLinkOf(page.url) : null;
      },
    },
    replies: {
      agentRepliedSince: (since) => conversations.agentRepliedSince(since),
      visitorEventsAfter: (siteId, id, afterVisitorSeq, limit) => conversations.visitorEventsAfter(siteId, id, afterVisitorSeq, limit),
    },
    transcriptSource: (siteId, visitorId, conversationId) =>
      conversations.visitorTranscript({ kind: 'visitor', siteId, visitorId, label: '' }, conversationId),
    log: (err) => app.log.error({ err }, 'mail worker pass failed'),
  });
  email.worker.start();
  app.addHook('preClose', async () => email.close());

  const cannedModule = createCannedRepliesModule({
    db,
    departments,
    pictures: attachmentsModule.cannedPictures(),
    lines: conversationsModule.visitorLines,
    shopName: (siteId) => sites.byId(siteId)?.name ?? '',
  });
  const { canned } = cannedModule;
  // Privacy: every module that holds shopper data registers it, for export, erasure and retention.
  const visitorData = visitorsModule.personalData();
  const {
    audit,
    registry: privacyRegistry,
    privacy,
    retention,
  } = createPrivacyModule({
    db,
    groupCommit: app.groupCommit,
    sources: [
      ['identities', visitorData.identities],
      // Before conversations: retention finds a file's conversation still there to judge its age.
      ['attachments', attachmentsModule.personalData()],
      ['activity', visitorData.activity],
      ['conversations', new ConversationsPersonalData(app.db, (siteId, ids) => broadcaster.conversationsErased(siteId, ids))],
      ['canned uses', cannedModule.personalData()],
      ['triggers', triggersModule.personalData()],
      ['contacts', new ContactsPersonalData(app.db)],
      ['ratings', ratingsModule.personalData()],
      ['email', email.personalData],
    ],
    resolve: (siteId, subject) => visitorData.resolve(siteId, subject),
    ports: {
      forgetVisitors: (visitorIds) => {
        disconnectVisitors(app.realtime.visitors, visitorIds);
        activity.forget(visitorIds);
      },
      subjectErased: (siteId) => coordinator.routingChanged(siteId),
    },
    retention: {
      sites: () => sites.withRetention(),
      intervalMs: config.retentionIntervalMs,
      batchRows: config.retentionBatchRows,
      log: (err) => app.log.error({ err }, 'retention run failed'),
    },
  });
  app.decorate('audit', audit);
  retention.start();
  app.addHook('preClose', async () => retention.stop());
  states.start(config.statusSweepMs, (err) => app.log.error({ err }, 'status sweep failed'));
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
  const vocabulary = new SearchVocabulary(config.databaseFile);
  app.addHook('onClose', () => vocabulary.close());
  await app.register(searchRoutes, { search: new SearchService(new SearchRepository(app.sqlite), vocabulary) });
  // The agent's toolbox: canned replies.
  await cannedModule.routes(app);
  await hoursRoutes(app);
  await ratingsModule.routes(app);
  await reportsModule.routes(app);
  await app.register(emailRoutes, {
    outbox: email.outbox,
    canRead: (agent, conversationId) => conversations.agentCanRead(actorOf(agent), conversationId),
  });
  await app.register(privacyRoutes, { privacy, audit });
  await app.register(mailgunRoutes, {
    inbound: inboundMail,
    signingKey: config.inboundMail.mailgunSigningKey,
    tokens: new WebhookTokensRepository(app.db),
    maxBytes: config.inboundMail.maxBytes,
  });
  await attachmentsModule.routes(app);
  await app.register(assetRoutes, { widgetFile: config.widgetFile, consoleDir: config.consoleDir });
  if (config.demoShop) await app.register(demoShopRoutes, { sites, trustProxy: config.trustProxy });
  // For monitors and load balancers; a draining node (SIGTERM, shutdown.ts) stays healthy but turns unready.
  const health = new HealthService({
    engine: 'sqlite',
    databaseUp: () => {
      try {
        return app.sqlite.prepare('SELECT 1').pluck().get() === 1;
      } catch {
        return false;
      }
    },
    redis: () => 'off',
  });
  await app.register(healthRoutes, { health });

  // Realtime.
  attachVisitorSocket(app.realtime.visitors, {
    sites,
    visitors,
    activity,
    triggers,
    onlineAgents: (siteId) => coordinator.onlineAgents(siteId),
    hours: (siteId) => hours.forWidget(siteId),
    // What the widget needs to offer uploads: nothing when the site takes no files from shoppers.
    visitorUploads: attachmentsModule.visitorUploads,
    replySeconds: (siteId) => replyTimes.medianSeconds(siteId),
    contacts,
    feedback: {
      widget: (siteId, visitorId) => ratings.widgetFeedback(siteId, visitorId),
      rate: (siteId, visitorId, input) => ratings.rate(siteId, visitorId, input),
      nps: (siteId, visitorId, score) => ratings.answerNps(siteId, visitorId, score),
    },
    transcripts: (siteId, visitorId, input) => email.transcripts.request(siteId, visitorId, input),
    conversations,
    receipts,
    views,
    departmentChoices: (siteId) => team.departmentList(siteId).map(({ slug, name }) => ({ slug, name })),
    trustProxy: config.trustProxy,
    refusedOrigins,
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
    states,
    routing,
    toolbox,
    receipts,
    views,
    team: coordinator,
    activity,
    watching,
    liveHandlers: reportsModule.liveHandlers,
    agentFromCookieHeader: app.agentFromCookieHeader,
    consoleOrigins: config.consoleOrigins,
    trustProxy: config.trustProxy,
    limits: { messages: config.limits.agentMessages, events: config.limits.agentEvents },
    log: app.log,
  });

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
    triggers,
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
  };
  return Object.assign(app, { services });
}
