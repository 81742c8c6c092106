import type { FastifyInstance } from 'fastify';
import type { EarlierConversation } from '@mostrador/shared';
import type { Config } from '../config.ts';
import type { AttachmentsService } from '../modules/attachments/index.ts';
import type { ConversationRow, ConversationsService, ConversationStates } from '../modules/conversations/index.ts';
import { createContactsModule } from '../modules/tickets/index.ts';
import type { TriggersService } from '../modules/triggers/index.ts';
import { createActivityModule, type SharedVisitors, type VisitorsService } from '../modules/visitors/index.ts';

export interface ShopContextDeps {
  app: FastifyInstance;
  config: Pick<Config, 'visitorLeaveGraceMs' | 'liveListFlushMs'>;
  visitors: VisitorsService;
  conversations: Pick<ConversationsService, 'openForVisitor' | 'conversationsOf'>;
  views: { earlier(row: ConversationRow): EarlierConversation };
  attachments: Pick<AttachmentsService, 'sentToVisitors'>;
  triggers: Pick<TriggersService, 'cartStage'>;
  states: Pick<ConversationStates, 'visitorLeft' | 'visitorArrived'>;
  /** State changes off the request path are logged if they fail. */
  stateFailed: (err: unknown) => void;
  /** In a cluster, what the live list and followed profiles are shared through; null alone. */
  shared: SharedVisitors | null;
}

/**
 * Shop context: who is on the site, their pages, cart and identity, for the console; and how to reach them.
 * Async: the contacts are read into memory before the app serves.
 */
export async function wireShopContext(deps: ShopContextDeps) {
  const { app, config, visitors, conversations, views, attachments, triggers, states, stateFailed, shared } = deps;
  const { activity, catalog, watching, lastPageOf } = createActivityModule({
    app,
    engine: app.engine,
    visitors,
    leaveGraceMs: config.visitorLeaveGraceMs,
    listFlushMs: config.liveListFlushMs,
    shared,
    ports: {
      conversationsOf: async (siteId, visitorIds, limit) =>
        (await conversations.conversationsOf(siteId, visitorIds, limit)).map((c) => views.earlier(c)),
      filesOf: (siteId, visitorIds, limit) => attachments.sentToVisitors(siteId, visitorIds, limit),
      cartStageReached: (siteId, visitorId, stage, at) => void triggers.cartStage(siteId, visitorId, stage, at),
      visitorLeft: (siteId, visitorId, at) => void states.visitorLeft(siteId, visitorId, at).catch(stateFailed),
      visitorArrived: (siteId, visitorId) => void states.visitorArrived(siteId, visitorId).catch(stateFailed),
    },
  });
  const {
    contacts,
    emailsOf,
    personalData: contactsData,
  } = await createContactsModule({
    engine: app.engine,
    visitors,
  });
  return { activity, catalog, watching, lastPageOf, contacts, emailsOf, contactsData };
}
