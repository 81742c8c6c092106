import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import {
  attachAgentSocket,
  attachVisitorSocket,
  type AgentSocketDeps,
  type TeamCoordinator,
  type VisitorSocketDeps,
} from '../modules/conversations/index.ts';
import type { createEmailModule } from '../modules/email/index.ts';
import type { HoursService } from '../modules/hours/index.ts';
import type { RatingsService } from '../modules/ratings/index.ts';
import type { TeamService } from '../modules/team/index.ts';

export interface SocketWiringDeps {
  /** The conversations module's services, as its factory returned them. */
  desk: Pick<VisitorSocketDeps, 'conversations' | 'receipts' | 'views'> & Pick<AgentSocketDeps, 'states' | 'routing' | 'toolbox'>;
  /** The shop context's: the visitors' activity, the consoles watching it, and the contacts shoppers leave. */
  shop: Pick<VisitorSocketDeps, 'activity' | 'contacts'> & Pick<AgentSocketDeps, 'watching'>;
  sites: VisitorSocketDeps['sites'];
  visitors: VisitorSocketDeps['visitors'];
  triggers: VisitorSocketDeps['triggers'];
  refusedOrigins: VisitorSocketDeps['refusedOrigins'];
  coordinator: TeamCoordinator;
  team: Pick<TeamService, 'departmentList'>;
  hours: Pick<HoursService, 'forWidget'>;
  visitorUploads: VisitorSocketDeps['visitorUploads'];
  replyTimes: { medianSeconds(siteId: string): number | null };
  ratings: Pick<RatingsService, 'widgetFeedback' | 'rate' | 'answerNps'>;
  transcripts: ReturnType<typeof createEmailModule>['transcripts'];
  liveHandlers: AgentSocketDeps['liveHandlers'];
}

/** The two socket namespaces, each given what its commands reach across the modules. */
export function attachSockets(app: FastifyInstance, config: Config, deps: SocketWiringDeps): void {
  const { sites, visitors, triggers, coordinator, hours, replyTimes, ratings, team } = deps;
  const { conversations, receipts, views } = deps.desk;
  const { activity } = deps.shop;
  attachVisitorSocket(app.realtime.visitors, {
    sites,
    visitors,
    activity,
    triggers,
    onlineAgents: (siteId) => coordinator.onlineAgents(siteId),
    hours: (siteId) => hours.forWidget(siteId),
    // What the widget needs to offer uploads: nothing when the site takes no files from shoppers.
    visitorUploads: deps.visitorUploads,
    replySeconds: (siteId) => replyTimes.medianSeconds(siteId),
    contacts: deps.shop.contacts,
    feedback: {
      widget: (siteId, visitorId) => ratings.widgetFeedback(siteId, visitorId),
      rate: (siteId, visitorId, input) => ratings.rate(siteId, visitorId, input),
      nps: (siteId, visitorId, score) => ratings.answerNps(siteId, visitorId, score),
    },
    transcripts: (siteId, visitorId, input) => deps.transcripts.request(siteId, visitorId, input),
    conversations,
    receipts,
    views,
    departmentChoices: (siteId) => team.departmentList(siteId).map(({ slug, name }) => ({ slug, name })),
    trustProxy: config.trustProxy,
    refusedOrigins: deps.refusedOrigins,
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
    states: deps.desk.states,
    routing: deps.desk.routing,
    toolbox: deps.desk.toolbox,
    receipts,
    views,
    team: coordinator,
    activity,
    watching: deps.shop.watching,
    liveHandlers: deps.liveHandlers,
    agentFromCookieHeader: app.agentFromCookieHeader,
    consoleOrigins: config.consoleOrigins,
    trustProxy: config.trustProxy,
    limits: { messages: config.limits.agentMessages, events: config.limits.agentEvents },
    log: app.log,
  });
}
