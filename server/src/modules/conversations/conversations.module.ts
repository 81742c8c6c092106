import type { FastifyInstance } from 'fastify';
import { committerFor, type Tx } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import type { TriggersService } from '../triggers/index.ts';
import { ConversationStates, type StatePorts } from './conversation-states.ts';
import type { ConversationTagsRepository } from './conversation-tags.repository.ts';
import { PgConversationTagsRepository } from './conversation-tags.repository.pg.ts';
import { SqliteConversationTagsRepository } from './conversation-tags.repository.sqlite.ts';
import { AccessResolver } from './conversations.access.ts';
import { SocketBroadcaster } from './conversations.broadcast.ts';
import { conversationRoutes } from './conversations.routes.ts';
import { ConversationsService, type MessageFiles, type ProductTrail } from './conversations.service.ts';
import { conversationsStore } from './conversations.store.engines.ts';
import { ConversationViews } from './conversations.views.ts';
import { QueueBoard } from './queue-board.ts';
import { ReadReceipts } from './read-receipts.service.ts';
import { RoutingService, type LineHours } from './routing.service.ts';
import type { TeamDirectory } from './team-directory.ts';
import { ConversationToolbox, type TagList } from './toolbox.service.ts';
import { SqliteVisitorLinesRepository } from './visitor-lines.repository.sqlite.ts';
import { PgVisitorLinesRepository } from './visitor-lines.repository.pg.ts';
import type { VisitorLinesRepository } from './visitor-lines.repository.ts';
import { VisitorLines } from './visitor-lines.ts';

export interface ConversationsModuleDeps {
  app: FastifyInstance;
  /** The engine the conversations, their log and guests are stored on. */
  engine: Engine;
  /** See Config.ticketWeight. */
  ticketWeight: number;
  team: TeamDirectory;
  hours: LineHours & { scheduleFor(siteId: string, departmentId: string | null): { timeZone: string } | null };
  triggers: Pick<TriggersService, 'invitationInTx' | 'repliedInTx' | 'answered'>;
  /** Whether anyone can answer a line now (its hours are open and someone is online); if not, new conversations are tickets. */
  canAnswer: StatePorts['canAnswer'];
  /** State changes off the request path are logged if they fail. */
  stateFailed: (err: unknown) => void;
  /** Something the site's live figures count may have changed. */
  siteChanged: (siteId: string) => void;
  /** A visitor's conversation opened or closed: the live visitor list and side panel show it. */
  visitorConversationChanged: (siteId: string, visitorId: string, openConversationId: string | null) => void;
  files: MessageFiles;
  products: ProductTrail;
  canReach: StatePorts['canReach'];
  tagList: TagList;
}

export function conversationTagsRepository(engine: Engine): ConversationTagsRepository {
  return engine.kind === 'sqlite' ? new SqliteConversationTagsRepository(engine.db) : new PgConversationTagsRepository(engine.db);
}

/** VisitorLines' reads on the engine's tables. */
export function visitorLinesRepository(engine: Engine): VisitorLinesRepository {
  return engine.kind === 'sqlite' ? new SqliteVisitorLinesRepository(engine.db) : new PgVisitorLinesRepository(engine.db);
}

/**
 * Conversations and routing, over one store and the engine's committed steps: the queue, the views, the
 * broadcaster, the conversations' rules, their states around open, and the agents' notes, tags and read receipts.
 */
export function createConversationsModule(deps: ConversationsModuleDeps) {
  const { app, engine, team, hours, triggers, canAnswer, stateFailed } = deps;
  const repo = conversationsStore(engine, { ticketWeight: deps.ticketWeight });
  const committer = committerFor(engine, app.groupCommit);
  const access = new AccessResolver((siteId, id) => team.departmentIdsOf(siteId, id));
  const board = new QueueBoard(repo, team);
  const views = new ConversationViews(team, board);
  const broadcaster = new SocketBroadcaster(
    app.realtime.visitors,
    app.realtime.agents,
    views,
    deps.visitorConversationChanged,
    deps.siteChanged,
  );
  const routing = new RoutingService(repo, team, committer, broadcaster, board, access, {
    hours,
    agentGone: () => void states.ticketUnserved().catch(stateFailed),
    failed: (err) => app.log.error({ err }, 'routing pass failed; retrying'),
  });
  app.addHook('preClose', async () => routing.close());
  const conversations: ConversationsService = new ConversationsService(
    repo,
    committer,
    broadcaster,
    routing,
    access,
    team,
    {
      invitationInTx: (tx, siteId, visitorId, firingId) => triggers.invitationInTx(tx, siteId, visitorId, firingId),
      repliedInTx: (tx, siteId, visitorId, firingId, conversationId, at) =>
        triggers.repliedInTx(tx, siteId, visitorId, firingId, conversationId, at),
      answered: (siteId, conversationId, at) => void triggers.answered(siteId, conversationId, at),
    },
    canAnswer,
    deps.files,
    deps.products,
  );
  // Pending, snoozed, missed chats and tickets: the states around a conversation, and the sweep that wakes them.
  const states: ConversationStates = new ConversationStates(
    repo,
    committer,
    broadcaster,
    access,
    (tx, c, reason, at) => conversations.wakeInTx(tx, c, reason, at),
    {
      timeZoneOf: (siteId) => hours.scheduleFor(siteId, null)?.timeZone ?? 'UTC',
      canReach: deps.canReach,
      canAnswer,
      queueChanged: (siteId) => routing.publishQueue(siteId),
    },
  );
  // Notes, mentions and tags: the agents' own layer over a conversation.
  const conversationTags = conversationTagsRepository(engine);
  const toolbox = new ConversationToolbox(repo, conversationTags, committer, broadcaster, access, team, deps.tagList);
  const receipts = new ReadReceipts(repo, committer, broadcaster, access);
  const visitorLines = new VisitorLines(visitorLinesRepository(engine), access);
  return {
    repo,
    access,
    views,
    broadcaster,
    routing,
    conversations,
    states,
    toolbox,
    receipts,
    /** The tags on conversations, for the tags module's list. */
    tagged: {
      renameInTx: (tx: Tx, siteId: string, from: string, to: string) => conversationTags.renameInTx(tx, siteId, from, to),
      used: (siteId: string) => conversationTags.used(siteId),
    },
    /** The shopper's lines an agent may read, for the canned replies' suggestions and the privacy registry. */
    visitorLines: {
      lastFor: (agent: { siteId: string; agentId: string; role: 'admin' | 'agent' }, conversationId: string) =>
        visitorLines.lastFor({ kind: 'agent', agentId: agent.agentId, siteId: agent.siteId, name: '', role: agent.role }, conversationId),
      textAt: (siteId: string, conversationId: string, seq: number) => visitorLines.textAt(siteId, conversationId, seq),
      idsOfVisitors: (siteId: string, visitorIds: readonly string[]) => visitorLines.idsOfVisitors(siteId, visitorIds),
      idsOfVisitorsInTx: (tx: Tx, siteId: string, visitorIds: readonly string[]) => visitorLines.idsOfVisitorsInTx(tx, siteId, visitorIds),
    },
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(conversationRoutes, { conversations, views, states });
    },
  };
}
