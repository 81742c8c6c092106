import type { FastifyInstance } from 'fastify';
import type { RateLimits } from '../realtime/rate-limits.ts';
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
import { TriggerEngine, type TriggersService } from '../modules/triggers/index.ts';
import { newId } from '../db/ids.ts';

export interface SocketWiringDeps {
  /** The conversations module's services, as its factory returned them. */
  desk: Pick<VisitorSocketDeps, 'conversations' | 'receipts' | 'views'> & Pick<AgentSocketDeps, 'states' | 'routing' | 'toolbox'>;
  /** The shop context's: the visitors' activity, the consoles watching it, and the contacts shoppers leave. */
  shop: Pick<VisitorSocketDeps, 'activity' | 'contacts'> & Pick<AgentSocketDeps, 'watching'>;
  sites: VisitorSocketDeps['sites'];
  visitors: VisitorSocketDeps['visitors'];
  triggers: TriggersService;
  refusedOrigins: VisitorSocketDeps['refusedOrigins'];
  coordinator: TeamCoordinator;
  team: Pick<TeamService, 'departmentList'>;
  hours: Pick<HoursService, 'forWidget'>;
  visitorUploads: VisitorSocketDeps['visitorUploads'];
  replyTimes: { medianSeconds(siteId: string): number | null };
  ratings: Pick<RatingsService, 'widgetFeedback' | 'rate' | 'answerNps'>;
  transcripts: ReturnType<typeof createEmailModule>['transcripts'];
  liveHandlers: AgentSocketDeps['liveHandlers'];
  /** Where new visitors per address are counted (rate-limits.ts). */
  rateLimits: RateLimits;
}

/**
 * The two socket namespaces, each given what its commands reach across the modules. Returns the
 * trigger engine, whose memory (one entry per open tab) `services` shows for tests and operators.
 */
export function attachSockets(app: FastifyInstance, config: Config, deps: SocketWiringDeps): { triggerEngine: TriggerEngine } {
  const { sites, visitors, triggers, coordinator, hours, replyTimes, ratings, team } = deps;
  const { conversations, receipts, views } = deps.desk;
  const { activity } = deps.shop;
  const visitorSockets = app.realtime.visitors;
  // The site's trigger rules, evaluated here for every tab of a widget that shows the server's invitations.
  const logError = (err: unknown) => app.log.error(err);
  const triggerEngine = new TriggerEngine({
    evaluation: (siteId) => triggers.evaluation(siteId),
    facts: (socketId, visitorId) => activity.triggerFacts(socketId, visitorId),
    onlineAgents: (siteId) => coordinator.onlineAgents(siteId),
    lastFirings: (siteId, visitorId) => triggers.lastFirings(siteId, visitorId),
    heldBack: (siteId, visitorId, ruleId, firingId) =>
      void triggers.record(siteId, visitorId, { ruleId, firingId, outcome: 'held_back' }).catch(logError),
    offer: (socketId, siteId, ruleId, firingId) => {
      const invitation = triggers.invitation(siteId, ruleId, firingId);
      if (invitation) visitorSockets.to(socketId).emit('trigger:fired', invitation);
      return invitation !== null;
    },
    fired: (siteId, visitorId, ruleId, firingId) => triggers.record(siteId, visitorId, { ruleId, firingId, outcome: 'fired' }),
    newId: () => newId('fir'),
    log: logError,
  });
  // This node's tabs are looked at again whichever node edited the rules.
  triggers.onRulesChanged((siteId) => triggerEngine.rulesChanged(siteId));
  coordinator.onOnlineAgentsChanged((siteId) => triggerEngine.agentsChanged(siteId));
  app.addHook('onClose', async () => triggerEngine.close());
  attachVisitorSocket(visitorSockets, {
    sites,
    visitors,
    activity,
    triggers,
    triggerEngine,
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
      newVisitorsPerIp: deps.rateLimits.buckets('new-visitors', config.limits.newVisitorsPerIp),
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
  return { triggerEngine };
}
