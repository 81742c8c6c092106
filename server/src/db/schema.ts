import type {
  AttachmentInfo,
  AttachmentType,
  Branding,
  BusinessHours,
  Cart,
  Device,
  Product,
  ProductCard,
  RatingInfo,
  RuleCondition,
  TriggerAction,
  TriggerFrequency,
} from '@mostrador/shared';
import { CONVERSATION_ORIGINS } from '@mostrador/shared';
import type { Ga4Progress } from '@mostrador/shared/shop/cart';
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A shop that embeds the widget. `key` is public (it sits in the script tag); `id` is internal. */
export const sites = sqliteTable('sites', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  /** Exact origins allowed to open visitor sockets; "self" is the Mostrador server's own origin. */
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull(),
  /** Ask visitors to pick a department before their first message. */
  departmentChoice: integer('department_choice', { mode: 'boolean' }).notNull().default(false),
  /** Agents see the visitor's draft as it is typed (off: only "is typing"). */
  typingPreview: integer('typing_preview', { mode: 'boolean' }).notNull().default(true),
  /** Refuse `identify` without a valid HMAC. */
  identityEnforced: integer('identity_enforced', { mode: 'boolean' }).notNull().default(false),
  /** HMAC-SHA256 key for `identify` hashes; empty until first needed (SQLite cannot add a column with a random default). */
  identitySecret: text('identity_secret').notNull().default(''),
  /** Closed conversations older than this many days are deleted; null keeps them. */
  conversationRetentionDays: integer('conversation_retention_days'),
  /** Page views and cart history older than this many days are deleted; null keeps them. */
  trailRetentionDays: integer('trail_retention_days'),
  /** The widget's look (Admin → Branding); null until an admin saves one, and the defaults apply. */
  branding: text('branding', { mode: 'json' }).$type<Branding>(),
  /** Ask the shopper for a rating when a conversation ends. */
  ratingEnabled: integer('rating_enabled', { mode: 'boolean' }).notNull().default(true),
  /** Ask again when a reopened conversation ends again (off: once per conversation). */
  ratingAskAgain: integer('rating_ask_again', { mode: 'boolean' }).notNull().default(false),
  /** Ask the NPS question at the end of a chat, at most once in 90 days per visitor or customer. */
  npsEnabled: integer('nps_enabled', { mode: 'boolean' }).notNull().default(false),
  /** The pre-chat form: ask for an email, or a name and an email, before the first message. */
  preChat: text('pre_chat', { enum: ['off', 'email', 'name_email'] })
    .notNull()
    .default('off'),
  /** The largest attachment accepted, in megabytes. */
  attachmentMaxMb: integer('attachment_max_mb').notNull().default(20),
  /** The families of file accepted (image, pdf, text, office, archive). */
  attachmentTypes: text('attachment_types', { mode: 'json' })
    .$type<AttachmentType[]>()
    .notNull()
    .default(sql`'["image","pdf","text","office","archive"]'`),
  /** Shoppers may send files. */
  visitorUploads: integer('visitor_uploads', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
});

export const agents = sqliteTable('agents', {
  id: text('id').primaryKey(),
  siteId: text('site_id')
    .notNull()
    .references(() => sites.id),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ['admin', 'agent'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  /** Most conversations assigned at once. */
  capacity: integer('capacity').notNull().default(3),
  /** What the agent chose in the console; "offline" follows from having no socket. */
  availability: text('availability', { enum: ['online', 'away'] })
    .notNull()
    .default('online'),
  createdAt: integer('created_at').notNull(),
  /** A deactivated agent cannot log in and has no sessions; their rows stay for the history. */
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** Base32 TOTP secret once two-factor login is confirmed; null while it is off. */
  totpSecret: text('totp_secret'),
  /** The last TOTP time step accepted, so one code cannot be replayed within its window. */
  totpLastStep: integer('totp_last_step'),
});

/**
 * An agent's picture: at most one each. The id is random (it is the public
 * URL and the file's name under DATA_DIR/avatars), and a new picture gets a
 * new id, so a URL's bytes never change and can be cached for good.
 */
export const agentPictures = sqliteTable(
  'agent_pictures',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    /** Decided from the file's first bytes, never from its name or the declared type. */
    contentType: text('content_type', { enum: ['image/png', 'image/jpeg', 'image/webp'] }).notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('agent_pictures_agent').on(t.agentId)],
);

export const departments = sqliteTable(
  'departments',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    routing: text('routing', { enum: ['auto', 'manual'] }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('departments_site_slug').on(t.siteId, t.slug)],
);

export const agentDepartments = sqliteTable(
  'agent_departments',
  {
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.departmentId] }), index('agent_departments_department').on(t.departmentId)],
);

/** Login sessions; only a hash of the cookie's token is stored. */
export const agentSessions = sqliteTable(
  'agent_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** Last request or socket handshake, written at most once a minute. */
    lastSeenAt: integer('last_seen_at').notNull().default(0),
    /** The browser's user agent at login, so the agent can tell their sessions apart. */
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('agent_sessions_agent').on(t.agentId)],
);

/** One-time recovery codes for two-factor login; only their hashes rest here. */
export const agentRecoveryCodes = sqliteTable(
  'agent_recovery_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    usedAt: integer('used_at'),
  },
  (t) => [index('agent_recovery_codes_agent').on(t.agentId)],
);

export const visitors = sqliteTable(
  'visitors',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    /** SHA-256 of the visitor's secret token; the token itself never rests on the server. */
    tokenHash: text('token_hash').notNull().unique(),
    /** Short code agents use to tell anonymous visitors apart. */
    label: text('label').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** Visits so far: a new one starts after 30 minutes away. */
    visits: integer('visits').notNull().default(1),
    visitStartedAt: integer('visit_started_at').notNull().default(0),
    /** Set only by an `identify` with a valid hash. */
    customerId: text('customer_id').references(() => customers.id),
    /** What an unverified `identify` claimed; shown to agents as unverified, never merged. */
    claimedName: text('claimed_name'),
    claimedEmail: text('claimed_email'),
    device: text('device', { mode: 'json' }).$type<Device>(),
    language: text('language'),
    timeZone: text('time_zone'),
  },
  (t) => [index('visitors_site').on(t.siteId), index('visitors_customer').on(t.customerId)],
);

/** A shop's logged-in customer, vouched for by the shop's server with an HMAC of their id. */
export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    /** The shop's own id for the customer. */
    externalId: text('external_id').notNull(),
    name: text('name'),
    email: text('email'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('customers_site_external').on(t.siteId, t.externalId)],
);

/** Pages visitors saw; written once, when the visitor leaves the page (batched by the group commit). */
export const pageViews = sqliteTable(
  'page_views',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id),
    url: text('url').notNull(),
    title: text('title').notNull(),
    referrer: text('referrer').notNull(),
    product: text('product', { mode: 'json' }).$type<Product>(),
    startedAt: integer('started_at').notNull(),
    seconds: integer('seconds').notNull(),
  },
  (t) => [
    index('page_views_visitor').on(t.visitorId, t.startedAt),
    // The revenue report's baseline: who was on the site in a period, reading only that period's views.
    index('page_views_started').on(t.startedAt, t.visitorId),
  ],
);

/**
 * The shop's products as Mostrador has seen them on its pages (any
 * visitor's), one row per product page, kept as last seen: what an agent
 * searches to send a product card the shopper has not viewed. About the shop,
 * not about a shopper: no visitor is recorded here.
 */
export const productCatalog = sqliteTable(
  'product_catalog',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    url: text('url').notNull(),
    name: text('name').notNull(),
    sku: text('sku'),
    price: real('price'),
    currency: text('currency'),
    image: text('image'),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.url] }), index('product_catalog_recent').on(t.siteId, t.lastSeenAt)],
);

/** The visitor's cart as last reported by the widget. */
export const carts = sqliteTable('carts', {
  visitorId: text('visitor_id')
    .primaryKey()
    .references(() => visitors.id),
  cart: text('cart', { mode: 'json' }).$type<Cart>().notNull(),
  stage: text('stage', { enum: ['browsing', 'checkout', 'purchase'] }).notNull(),
  /** How far the widget's GA4 events were read, and the purchases counted; null for carts read another way. */
  ga4: text('ga4', { mode: 'json' }).$type<Ga4Progress>(),
  updatedAt: integer('updated_at').notNull(),
});

/** The cart's history: one row per item added, removed or changed, and per checkout or purchase. */
export const cartEvents = sqliteTable(
  'cart_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id),
    at: integer('at').notNull(),
    change: text('change', { enum: ['added', 'removed', 'quantity', 'checkout', 'purchase', 'cleared'] }).notNull(),
    itemName: text('item_name'),
    itemSku: text('item_sku'),
    qty: integer('qty'),
    total: real('total').notNull(),
    currency: text('currency').notNull(),
    /** A purchase's order number (GA4's `transaction_id`), when the shop told it. */
    orderNumber: text('order_number'),
  },
  (t) => [
    index('cart_events_visitor').on(t.visitorId, t.at),
    // The revenue report reads a period's checkouts and purchases; only those rows enter this index.
    index('cart_events_stage_at').on(t.at, t.visitorId).where(sql`change IN ('checkout', 'purchase')`),
  ],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id),
    visitorLabel: text('visitor_label').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    /** Who started it: the visitor, an agent (proactive chat), a trigger's invitation or an emailed answer after a close. */
    origin: text('origin', { enum: CONVERSATION_ORIGINS }).notNull().default('visitor'),
    /** Set by the trigger that started it. */
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Null: the site-wide queue, served by every agent of the site. */
    departmentId: text('department_id').references(() => departments.id),
    /** Who answers it; null while it waits in the queue. Kept after closing, for history. */
    assigneeId: text('assignee_id').references(() => agents.id),
    /** When it entered the queue it waits in; null once assigned. */
    queuedAt: integer('queued_at'),
    /** 1 puts a conversation ahead of new arrivals (it lost its agent, or was transferred). */
    queuePriority: integer('queue_priority').notNull().default(0),
    /** Oldest visitor message no agent has answered yet. */
    awaitingReplySince: integer('awaiting_reply_since'),
    firstResponseAt: integer('first_response_at'),
    /** Highest seq in conversation_events; the next event takes lastSeq + 1. */
    lastSeq: integer('last_seq').notNull(),
    /** Highest visitor_seq: the visitor's log skips internal notes. */
    lastVisitorSeq: integer('last_visitor_seq').notNull().default(0),
    lastMessageBody: text('last_message_body'),
    lastMessageAuthor: text('last_message_author', { enum: ['visitor', 'agent', 'system'] }),
    lastMessageAt: integer('last_message_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    closedAt: integer('closed_at'),
    /** Set when it began while nobody could answer: a ticket, which waits for an agent rather than a live queue. */
    ticketSince: integer('ticket_since'),
    /**
     * An open conversation on hold: pending (waiting on the customer) or
     * snoozed until `snoozedUntil`. Null: open (or closed). The stored status
     * stays 'open', so the partial indexes and the claim treat them as active.
     */
    hold: text('hold', { enum: ['pending', 'snoozed'] }),
    snoozedUntil: integer('snoozed_until'),
    /** When the shopper left while it was queued: a missed chat. */
    missedAt: integer('missed_at'),
    /** When the visitor left the site, while the conversation is open; null while they are on it. */
    visitorLeftAt: integer('visitor_left_at'),
    /** Read receipt: the highest seq of conversation_events (the agents' log) the visitor has seen. */
    visitorReadSeq: integer('visitor_read_seq').notNull().default(0),
    /** Read receipt: the highest visitor_seq (the visitor's log) an agent in the chat has read. */
    agentReadSeq: integer('agent_read_seq').notNull().default(0),
    /**
     * The agents in conversation_guests, in the order they joined, kept in the
     * same write: every access check, broadcast and view reads the guests with
     * the row, on any node, with no read of their own.
     */
    guestIds: text('guest_ids', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /**
     * The shopper's latest rating (conversation_ratings keeps every one),
     * written in the rating's step: the console's summaries read it with the
     * row, on any engine, with no read of their own. Null: never rated.
     */
    rating: text('rating', { mode: 'json' }).$type<RatingInfo>(),
  },
  (t) => [
    // A visitor has at most one open conversation, whatever the code above does.
    uniqueIndex('conversations_one_open_per_visitor').on(t.visitorId).where(sql`status = 'open'`),
    index('conversations_site_status_updated').on(t.siteId, t.status, t.updatedAt),
    index('conversations_visitor').on(t.visitorId, t.createdAt),
    index('conversations_assignee_open').on(t.assigneeId).where(sql`status = 'open'`),
    index('conversations_queue').on(t.siteId, t.queuePriority, t.queuedAt).where(sql`status = 'open' AND assignee_id IS NULL`),
    // The wake-up scan reads only snoozed conversations, soonest first.
    index('conversations_snoozed').on(t.snoozedUntil).where(sql`status = 'open' AND hold = 'snoozed'`),
    // Missed chats per day, for the reports.
    index('conversations_missed').on(t.siteId, t.missedAt).where(sql`missed_at IS NOT NULL`),
    // The reports read a site's conversations by the day they were created.
    index('conversations_site_created').on(t.siteId, t.createdAt),
  ],
);

/** Agents invited into a conversation besides its assignee (group chat). */
export const conversationGuests = sqliteTable(
  'conversation_guests',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    joinedAt: integer('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.agentId] }), index('conversation_guests_agent').on(t.agentId)],
);

export interface EventData {
  agent?: { id: string; name: string };
  role?: 'assignee' | 'guest';
  reason?: 'transferred' | 'offline' | 'left' | 'new' | 'requeued';
  department?: { id: string; name: string } | null;
  /** Colleagues a note mentions. */
  mentions?: { id: string; name: string }[];
  /** A state event: when a snooze runs out, and why the state changed. */
  snoozedUntil?: number | null;
  stateReason?: 'agent' | 'customer' | 'timer' | 'missed' | 'ticket';
  /** An agent's message marked "don't email": the reply mailer skips it. */
  noEmail?: true;
  /** A message's files, as told to clients (they never change once sent). */
  attachments?: AttachmentInfo[];
  /** A message's product card, built from the visitor's trail when sent (it never changes once sent). */
  product?: ProductCard;
}

/** Each conversation's log: messages and status changes share one gap-free sequence. */
export const conversationEvents = sqliteTable(
  'conversation_events',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    seq: integer('seq').notNull(),
    /** The visitor's own sequence; null for internal notes, which the visitor never sees. */
    visitorSeq: integer('visitor_seq'),
    type: text('type', { enum: ['message', 'status', 'joined', 'left', 'queued', 'note', 'state'] }).notNull(),
    authorKind: text('author_kind', { enum: ['visitor', 'agent', 'system'] }).notNull(),
    authorId: text('author_id'),
    authorName: text('author_name'),
    clientId: text('client_id'),
    body: text('body'),
    /** A status event's 'open' or 'closed'; a state event's 'open', 'pending' or 'snoozed'. */
    status: text('status', { enum: ['open', 'closed', 'pending', 'snoozed'] }),
    /** Details of joined/left/queued events (agent, role, reason, department). */
    data: text('data', { mode: 'json' }).$type<EventData>(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.seq] }),
    uniqueIndex('conversation_events_visitor_seq').on(t.conversationId, t.visitorSeq).where(sql`visitor_seq IS NOT NULL`),
    // A resend from the same author with the same client id is stored once.
    uniqueIndex('conversation_events_author_client').on(t.authorId, t.clientId).where(sql`client_id IS NOT NULL`),
  ],
);

/** A site's proactive trigger rules, in the order the widget tries them. */
export const triggerRules = sqliteTable(
  'trigger_rules',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    conditions: text('conditions', { mode: 'json' }).$type<RuleCondition[]>().notNull(),
    action: text('action', { mode: 'json' }).$type<TriggerAction>().notNull(),
    frequency: text('frequency', { mode: 'json' }).$type<TriggerFrequency>().notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('trigger_rules_site').on(t.siteId, t.position)],
);

/**
 * Every time a rule fired for a visitor, or qualified but its cap held it
 * back, and what followed: the teaser opened, a reply, a conversation,
 * checkout, purchase.
 */
export const triggerFirings = sqliteTable(
  'trigger_firings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    ruleId: text('rule_id').notNull(),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id),
    /** The widget's id for it, so a resend is stored once. */
    firingId: text('firing_id').notNull(),
    outcome: text('outcome', { enum: ['fired', 'held_back'] }).notNull(),
    at: integer('at').notNull(),
    openedAt: integer('opened_at'),
    repliedAt: integer('replied_at'),
    conversationId: text('conversation_id'),
    /** An agent answered in the conversation the reply started: a real chat. */
    answeredAt: integer('answered_at'),
    checkoutAt: integer('checkout_at'),
    purchaseAt: integer('purchase_at'),
  },
  (t) => [
    uniqueIndex('trigger_firings_visitor_firing').on(t.visitorId, t.firingId),
    index('trigger_firings_rule_at').on(t.ruleId, t.at),
    index('trigger_firings_visitor_at').on(t.visitorId, t.at),
    index('trigger_firings_conversation').on(t.conversationId).where(sql`conversation_id IS NOT NULL`),
    index('trigger_firings_site_at').on(t.siteId, t.at),
  ],
);

/**
 * What admins did (agents created, roles changed, settings, exports,
 * erasures). Ids and field names only: never a shopper's name, email or
 * message, and an erased person's id is cleared from it.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    /** The admin who acted; null for the system. */
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('audit_log_site').on(t.siteId, t.id), index('audit_log_target').on(t.targetId)],
);

/** Small install-wide facts, such as which site is the demo shop's. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Canned replies: shared by the site's team (owner null) or personal to one agent; versions per language. */
export const cannedReplies = sqliteTable(
  'canned_replies',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    /** Null: shared with the team. */
    ownerId: text('owner_id').references(() => agents.id),
    /** Null: every department. */
    departmentId: text('department_id').references(() => departments.id),
    shortcut: text('shortcut').notNull(),
    title: text('title').notNull(),
    bodies: text('bodies', { mode: 'json' }).$type<{ ca: string; es: string; en: string }>().notNull(),
    /**
     * The product whose card goes with the reply: its page's URL as the site's
     * product_catalog keeps it (the server builds the card when the message is
     * sent). Null: none.
     */
    productUrl: text('product_url'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('canned_replies_site').on(t.siteId, t.shortcut),
    // One shortcut per site among the team's replies, and per agent among each one's own: held by the
    // database, so two nodes creating "/envio" at once store one.
    uniqueIndex('canned_replies_shared_shortcut').on(t.siteId, t.shortcut).where(sql`owner_id IS NULL`),
    uniqueIndex('canned_replies_own_shortcut').on(t.siteId, t.ownerId, t.shortcut).where(sql`owner_id IS NOT NULL`),
  ],
);

/**
 * Each time an agent put a canned reply into a message: what the suggestions learn from. Ids and a seq only,
 * no text; the rows go with the reply or the conversation (erase, retention) by ON DELETE CASCADE.
 */
export const cannedReplyUses = sqliteTable(
  'canned_reply_uses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    replyId: text('reply_id')
      .notNull()
      .references(() => cannedReplies.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    /** The conversation's last seq when the reply was used: the visitor message it answered is at or before it. */
    seq: integer('seq').notNull(),
    usedAt: integer('used_at').notNull(),
  },
  (t) => [
    index('canned_reply_uses_site').on(t.siteId, t.usedAt),
    index('canned_reply_uses_conversation').on(t.conversationId),
    index('canned_reply_uses_reply').on(t.replyId),
  ],
);

/** A site's tag list: what agents pick from, with the colour the console shows. */
export const tags = sqliteTable(
  'tags',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    name: text('name').notNull(),
    colour: text('colour', { enum: ['grey', 'blue', 'green', 'amber', 'red', 'purple'] }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('tags_site_name').on(t.siteId, t.name)],
);

/** Business hours: the site's (scope "site") and each department's own, where it keeps different ones. */
export const businessHours = sqliteTable(
  'business_hours',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    /** "site", or the id of the department these hours override. */
    scope: text('scope').notNull(),
    schedule: text('schedule', { mode: 'json' }).$type<BusinessHours>().notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.scope] })],
);

/** How to reach a visitor when nobody could answer live: what they typed in the offline form (personal data). */
export const visitorContacts = sqliteTable(
  'visitor_contacts',
  {
    visitorId: text('visitor_id')
      .primaryKey()
      .references(() => visitors.id),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    email: text('email').notNull(),
    name: text('name'),
    /** When the visitor agreed to be answered by email (the consent line sat by the field). */
    consentedAt: integer('consented_at').notNull(),
  },
  (t) => [index('visitor_contacts_site').on(t.siteId)],
);

/**
 * Mailgun webhook tokens already answered, so a captured signed request cannot
 * be replayed; rows older than the freshness window are pruned.
 */
export const inboundWebhookTokens = sqliteTable(
  'inbound_webhook_tokens',
  {
    token: text('token').primaryKey(),
    seenAt: integer('seen_at').notNull(),
  },
  (t) => [index('inbound_webhook_tokens_seen').on(t.seenAt)],
);

/**
 * A shopper's rating of an ended conversation. `round` is the conversation's
 * `closed_at` when it was rated: one rating per ending, and once per
 * conversation unless the site asks again after a reopened chat ends again.
 * No foreign key to conversations: retention and erasure remove these rows
 * by their own registry entry.
 */
export const conversationRatings = sqliteTable(
  'conversation_ratings',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    conversationId: text('conversation_id').notNull(),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id),
    round: integer('round').notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('conversation_ratings_round').on(t.conversationId, t.round),
    index('conversation_ratings_site').on(t.siteId, t.createdAt),
    index('conversation_ratings_visitor').on(t.visitorId),
  ],
);

/** Answers to the NPS question (0–10). `customer_id` is set for a verified customer, so the 90 days hold across devices. */
export const npsResponses = sqliteTable(
  'nps_responses',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id),
    customerId: text('customer_id').references(() => customers.id),
    score: integer('score').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('nps_responses_visitor').on(t.visitorId, t.createdAt),
    index('nps_responses_customer').on(t.customerId, t.createdAt),
    index('nps_responses_site').on(t.siteId, t.createdAt),
  ],
);

/**
 * Outgoing mail to shoppers (agents' replies, transcripts), rendered when
 * queued and kept until delivered, so a restart loses nothing; personal data.
 * With no SMTP server configured, delivered rows are the local mailbox
 * (`via = 'mailbox'`) the console shows to admins.
 */
export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    /** No foreign key: a conversation's erasure removes these rows through the privacy registry. */
    conversationId: text('conversation_id').notNull(),
    visitorId: text('visitor_id').notNull(),
    kind: text('kind', { enum: ['replies', 'transcript'] }).notNull(),
    toAddress: text('to_address').notNull(),
    fromAddress: text('from_address').notNull(),
    replyTo: text('reply_to'),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'bounced'] }).notNull(),
    via: text('via', { enum: ['smtp', 'mailbox'] }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** The last failure as the server said it (a bounce's reason too). */
    lastError: text('last_error'),
    /** The Message-ID header, so a bounce can be matched to its mail. */
    messageId: text('message_id').notNull(),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    index('email_outbox_due').on(t.status, t.nextAttemptAt),
    index('email_outbox_conversation').on(t.conversationId, t.createdAt),
    index('email_outbox_message_id').on(t.messageId),
  ],
);

/** Per conversation, the visitor seq up to which agents' replies were emailed or seen: the reply mailer's watermark. */
export const emailWatermarks = sqliteTable('email_watermarks', {
  conversationId: text('conversation_id').primaryKey(),
  siteId: text('site_id')
    .notNull()
    .references(() => sites.id),
  visitorId: text('visitor_id').notNull(),
  throughVisitorSeq: integer('through_visitor_seq').notNull(),
});

/**
 * Files sent in conversations. A row is made at upload (its bytes already
 * stored under `storageKey`), then bound to a conversation and message when
 * the message that carries it is sent. `visitorId` is the shopper whose
 * conversation it belongs to (the uploader, or the conversation's visitor
 * for an agent's file), for erasure.
 */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    uploaderKind: text('uploader_kind', { enum: ['visitor', 'agent'] }).notNull(),
    uploaderId: text('uploader_id').notNull(),
    /** The uploader's id for the upload: a retry stores the file once. */
    clientId: text('client_id').notNull(),
    visitorId: text('visitor_id'),
    conversationId: text('conversation_id'),
    /** The message (its seq in the conversation) that carries it; null until sent. */
    seq: integer('seq'),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    type: text('type', { enum: ['image', 'pdf', 'text', 'office', 'archive'] }).notNull(),
    size: integer('size').notNull(),
    /** Where the storage keeps the bytes: random, nothing of the name. */
    storageKey: text('storage_key').notNull(),
    createdAt: integer('created_at').notNull(),
    /**
     * A picture's thumbnail job, written with the row: 'pending' until the
     * background worker has made it, then 'ready' (under `thumbKey`) or
     * 'failed' (the full picture is served instead). Null for other files.
     */
    thumbState: text('thumb_state', { enum: ['pending', 'ready', 'failed'] }),
    /** Where the storage keeps the thumbnail's bytes; erased and expired with the file's. */
    thumbKey: text('thumb_key'),
    /** Tries that failed for a passing reason (the storage); the job fails for good after a few. */
    thumbAttempts: integer('thumb_attempts').notNull().default(0),
    /**
     * The canned reply that keeps this picture: the shop's content, not an
     * upload waiting for a message. Never claimed by a message, never swept,
     * never in a shopper's erasure or retention; it goes with its reply.
     */
    cannedReplyId: text('canned_reply_id'),
  },
  (t) => [
    uniqueIndex('attachments_uploader_client').on(t.siteId, t.uploaderId, t.clientId),
    // The worker's queue: only the pending rows, oldest first.
    index('attachments_thumb_pending').on(t.createdAt).where(sql`${t.thumbState} = 'pending'`),
    index('attachments_conversation').on(t.conversationId),
    index('attachments_visitor').on(t.siteId, t.visitorId),
    index('attachments_canned_reply').on(t.cannedReplyId).where(sql`canned_reply_id IS NOT NULL`),
  ],
);

/**
 * Each change of an agent's status (online, away, offline), appended when it
 * happens: the reports' online and away time. Rare (a few rows per agent per
 * day), never on the message path.
 */
export const agentStatusChanges = sqliteTable(
  'agent_status_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    status: text('status', { enum: ['online', 'away', 'offline'] }).notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('agent_status_changes_site_at').on(t.siteId, t.at), index('agent_status_changes_agent_at').on(t.agentId, t.at)],
);

/**
 * Each conversation's report figures that do not depend on the report's time
 * zone (reports/fact-rows.ts maps them), kept so a 90-day report reads one row
 * per conversation instead of its whole log. The columns from `last_seq` to
 * `schedule_key` are what the row was computed from: a report recomputes a row
 * whose conversation no longer matches them. Shopper data (its conversation's
 * figures): erased and purged with the conversation by ON DELETE CASCADE.
 */
export const reportFacts = sqliteTable('report_facts', {
  conversationId: text('conversation_id')
    .primaryKey()
    .references(() => conversations.id, { onDelete: 'cascade' }),
  siteId: text('site_id')
    .notNull()
    .references(() => sites.id),
  lastSeq: integer('last_seq').notNull(),
  status: text('status', { enum: ['open', 'closed'] }).notNull(),
  missedAt: integer('missed_at'),
  ticketSince: integer('ticket_since'),
  rating: text('rating', { mode: 'json' }).$type<RatingInfo>(),
  /** A fingerprint of the business hours the spans were measured against ('always': none). */
  scheduleKey: text('schedule_key').notNull(),
  channel: text('channel', { enum: ['chat', 'ticket'] }).notNull(),
  clockStart: integer('clock_start'),
  firstResponseRaw: integer('first_response_raw'),
  firstResponseBusiness: integer('first_response_business'),
  resolutionRaw: integer('resolution_raw'),
  resolutionBusiness: integer('resolution_business'),
  wait: integer('wait'),
  /** Bits: 1 abandoned, 2 missed, 4 ticket out of hours, 8 closed, 16 reopened. */
  flags: integer('flags').notNull(),
  /** The rating scores in order, one digit each ("54"). */
  ratings: text('ratings').notNull(),
  comments: integer('comments').notNull(),
  /** Every response as little-endian int32 pairs (raw seconds, business seconds). */
  responses: blob('responses', { mode: 'buffer' }).notNull(),
  /** The log's last close (ms); null if it never closed. */
  lastClosedAt: integer('last_closed_at'),
  /** The assignees' stretches as JSON tuples [agentId, from, to] (to null: still held). */
  handled: text('handled').notNull(),
});
