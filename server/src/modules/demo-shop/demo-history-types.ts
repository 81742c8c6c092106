import type * as lite from '../../db/schema.ts';

/** The rows of the demo shop's history, table by table, in the shape both engines' schemas take. */
export interface HistoryRows {
  visitors: (typeof lite.visitors.$inferInsert)[];
  pageViews: (typeof lite.pageViews.$inferInsert)[];
  cartEvents: (typeof lite.cartEvents.$inferInsert)[];
  conversations: (typeof lite.conversations.$inferInsert)[];
  events: (typeof lite.conversationEvents.$inferInsert)[];
  ratings: (typeof lite.conversationRatings.$inferInsert)[];
  nps: (typeof lite.npsResponses.$inferInsert)[];
  statusChanges: (typeof lite.agentStatusChanges.$inferInsert)[];
  firings: (typeof lite.triggerFirings.$inferInsert)[];
}

/** What the history is written against: the demo site, its team, lines and rules, and how ids are minted. */
export interface HistoryCast {
  siteId: string;
  siteName: string;
  shopUrl: string;
  /** The reports' zone: the days are this zone's, up to yesterday. */
  timeZone: string;
  now: number;
  /** Laia, Jordi, Núria, in that order. */
  agents: readonly { id: string; name: string }[];
  departments: { vendes: Ref; comandes: Ref };
  /** The trigger rules whose invitations start the trigger chats, and what they say. */
  rules: readonly { id: string; message: string }[];
  newId(prefix: 'vis' | 'cnv' | 'rat' | 'nps'): string;
  /** A token hash no browser holds: nobody can ever be these visitors. */
  tokenHash(): string;
}

type Ref = { id: string; name: string };
