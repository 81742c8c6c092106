import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { AgentPicture } from './agent.ts';
import { AttributionDays, RevenueFigure } from './revenue.ts';
import { Currency } from './shop.ts';

/**
 * Proactive triggers: ordered rules the server evaluates against each tab's
 * state (its page, the visitor's cart and visit, and the signals the widget
 * sends: exit intent, idleness, the shop's tracked events). Every condition
 * may be negated; all of a rule's conditions must hold.
 */
export const PATTERN_MAX = 300;
export const TRIGGER_MESSAGE_MAX = 500;
export const TRIGGER_CONDITIONS_MAX = 12;
export const TRIGGER_RULES_MAX = 50;

/** A glob (`*` any run of characters, `?` one) or a regular expression, matched against a whole URL, path or value. */
export const TextMatch = z.object({
  match: z.enum(['glob', 'regex']),
  pattern: z.string().min(1).max(PATTERN_MAX),
});
export type TextMatch = z.infer<typeof TextMatch>;

const Seconds = z.number().int().min(0).max(86_400);
const Count = z.number().int().min(0).max(10_000);
const Money = z.number().finite().min(0).max(1e9);
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const UTM_PARAMS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

export const TriggerCondition = z.discriminatedUnion('type', [
  z.object({ type: z.literal('time_on_page'), seconds: Seconds }),
  z.object({ type: z.literal('time_on_site'), seconds: Seconds }),
  /** Against the full URL when the pattern starts with a scheme, else against the path (with its query). */
  z.object({ type: z.literal('url'), ...TextMatch.shape }),
  z.object({ type: z.literal('pages_viewed'), min: Count }),
  /** A product page; with a minimum price, only products priced at least that in `currency`. */
  z.object({ type: z.literal('product_page'), minPrice: Money.nullable(), currency: Currency }),
  /** Cart total compared in `currency`; a cart in another currency counts as empty. */
  z.object({ type: z.literal('cart_value'), op: z.enum(['gte', 'lt']), amount: Money, currency: Currency }),
  z.object({ type: z.literal('cart_items'), min: Count }),
  z.object({ type: z.literal('cart_contains'), sku: z.string().min(1).max(100) }),
  z.object({ type: z.literal('checkout_idle'), seconds: Seconds }),
  z.object({ type: z.literal('exit_intent') }),
  z.object({ type: z.literal('idle'), seconds: Seconds }),
  z.object({ type: z.literal('referrer'), ...TextMatch.shape }),
  z.object({ type: z.literal('utm'), param: z.enum(UTM_PARAMS), ...TextMatch.shape }),
  z.object({ type: z.literal('returning_visitor') }),
  /** Primary subtags ("ca", "es"). */
  z.object({
    type: z.literal('language'),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/))
      .min(1)
      .max(20),
  }),
  /** At least one agent online in the rule's department (or the site's, without one). */
  z.object({ type: z.literal('agents_online') }),
  /** Inside opening hours, in the shop's time zone; negate it for "outside business hours". */
  z.object({
    type: z.literal('business_hours'),
    timeZone: z.string().min(1).max(64),
    /** 0 = Sunday … 6 = Saturday. */
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    from: Clock,
    to: Clock,
  }),
  /** `Mostrador('track', name, …)` was called on this page. */
  z.object({ type: z.literal('event'), name: z.string().min(1).max(60) }),
]);
export type TriggerCondition = z.infer<typeof TriggerCondition>;
export type ConditionType = TriggerCondition['type'];

export const RuleCondition = z.intersection(TriggerCondition, z.object({ negate: z.boolean() }));
export type RuleCondition = z.infer<typeof RuleCondition>;

export const TriggerAction = z.object({
  /** Open the panel with the message, or show it as a small teaser by the launcher. */
  kind: z.enum(['open', 'teaser']),
  message: z.string().trim().min(1).max(TRIGGER_MESSAGE_MAX),
  /** Written as a named agent, or as the shop. */
  agentId: Id.nullable(),
  /** For the conversation that may follow. */
  departmentId: Id.nullable(),
  tags: z.array(z.string().trim().min(1).max(30)).max(5),
});
export type TriggerAction = z.infer<typeof TriggerAction>;

export const TriggerFrequency = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once_per_visitor') }),
  z.object({ kind: z.literal('once_per_session') }),
  z.object({ kind: z.literal('every_hours'), hours: z.number().int().min(1).max(720) }),
]);
export type TriggerFrequency = z.infer<typeof TriggerFrequency>;

/** A rule as the admin edits it. */
export const TriggerRuleInput = z.object({
  name: z.string().trim().min(1).max(80),
  enabled: z.boolean(),
  conditions: z.array(RuleCondition).max(TRIGGER_CONDITIONS_MAX),
  action: TriggerAction,
  frequency: TriggerFrequency,
});
export type TriggerRuleInput = z.infer<typeof TriggerRuleInput>;

export const TriggerRule = TriggerRuleInput.extend({ id: Id, createdAt: Timestamp, updatedAt: Timestamp });
export type TriggerRule = z.infer<typeof TriggerRule>;

/** Enabled rules in order, with the sender's name resolved: what the server evaluates, and what widgets from before it did were sent. */
export const WidgetTrigger = z.object({
  id: Id,
  conditions: z.array(RuleCondition),
  action: z.object({ kind: TriggerAction.shape.kind, message: z.string(), senderName: z.string().nullable(), departmentId: Id.nullable() }),
  frequency: TriggerFrequency,
});
export type WidgetTrigger = z.infer<typeof WidgetTrigger>;

/** Per rule: what followed its invitations, and the comparison group the cap held back. */
export const TriggerFiringCounts = z.object({
  ruleId: Id,
  fired: z.number().int(),
  opened: z.number().int(),
  replied: z.number().int(),
  chats: z.number().int(),
  checkouts: z.number().int(),
  purchases: z.number().int(),
  heldBack: z.number().int(),
  heldBackCheckouts: z.number().int(),
});
export type TriggerFiringCounts = z.infer<typeof TriggerFiringCounts>;

/**
 * A rule's row: its firings' counts, and `conversions`: the visitors whose
 * first chat of the period the rule's invitation started, and what they
 * bought within the attribution window of that chat. The Reports summary's
 * `revenue.byTrigger`, computed by the same function (`revenueOf`).
 */
export const TriggerReportRow = TriggerFiringCounts.extend({ conversions: RevenueFigure });
export type TriggerReportRow = z.infer<typeof TriggerReportRow>;

/** Admin REST: `/api/admin/triggers`. */
export const TriggerParams = z.object({ triggerId: Id });
export const TriggerBody = z.object({ trigger: TriggerRule });
export const TriggerListBody = z.object({ triggers: z.array(TriggerRule) });
/** The whole order, first rule first: every rule of the site, once. */
export const TriggerOrderBody = z.object({ ids: z.array(Id).max(TRIGGER_RULES_MAX) });
/** A PATCH changes only the fields it carries. */
export const UpdateTriggerBody = TriggerRuleInput.partial();

/* The bodies the console sends, typed from the routes' own schemas (see admin.ts). */
export type TriggerCreateInput = z.input<typeof TriggerRuleInput>;
export type TriggerUpdateInput = z.input<typeof UpdateTriggerBody>;
export type TriggerOrderInput = z.input<typeof TriggerOrderBody>;
export const TriggerReportQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
  /** How many days after a chat a purchase still counts for `conversions` (3 when left out), as in the Reports summary. */
  attributionDays: AttributionDays.optional(),
});
/**
 * The rules' rows, beside the same conversion figures for chats no trigger
 * started and for the baseline (the site's visitors with no conversation in
 * the period, from their first page view). Correlation with a baseline, not
 * proof that an invitation caused a purchase.
 */
export const TriggerReportBody = z.object({
  days: z.number().int(),
  attributionDays: z.number().int(),
  rows: z.array(TriggerReportRow),
  withoutTrigger: RevenueFigure,
  baseline: RevenueFigure,
});
export type TriggerReportBody = z.infer<typeof TriggerReportBody>;

/** Which agents could answer now: anyone on the site, and which departments have someone online. */
export const OnlineAgents = z.object({
  any: z.boolean(),
  departments: z.array(Id),
  /** First names of the agents online, for the widget's team avatars; absent when the site hides them. */
  team: z.array(z.string()).optional(),
  /** Each of `team`'s pictures, in the same order; null: initials. Absent from older servers. */
  pictures: z.array(AgentPicture).optional(),
});
export type OnlineAgents = z.infer<typeof OnlineAgents>;

/** The visit as the server counts it, for the time-on-site, pages-viewed and returning conditions. */
export const VisitInfo = z.object({
  startedAt: Timestamp,
  /** Pages reported before this one in the visit. */
  pagesViewed: z.number().int().min(0),
  returning: z.boolean(),
});
export type VisitInfo = z.infer<typeof VisitInfo>;

/** What a rule did for a visitor: fired, or qualified but held back by its cap (the comparison group); the server's record. */
export const TriggerReport = z.object({
  ruleId: Id,
  /** Minted by the server; unique per visitor, so a repeated record is stored once. */
  firingId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  outcome: z.enum(['fired', 'held_back']),
});
export type TriggerReport = z.infer<typeof TriggerReport>;
export const TriggerOpened = z.object({ firingId: TriggerReport.shape.firingId });

/**
 * What the widget reports for the rules the server evaluates: the pointer
 * heading out of the page, the visitor idle for `ms` (sent once the site's
 * shortest idle threshold passes with no input) and active again, or an event
 * the shop tracked (`Mostrador('track', name)`) on the page at `url`.
 */
export const TriggerSignal = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exit_intent') }),
  z.object({ type: z.literal('idle'), ms: z.number().int().min(0).max(86_400_000) }),
  z.object({ type: z.literal('active') }),
  z.object({ type: z.literal('event'), name: z.string().min(1).max(60), url: z.string().max(2000) }),
]);
export type TriggerSignal = z.infer<typeof TriggerSignal>;

/** Which signals the site's rules read, so a widget sends no others. */
export const TriggerWatch = z.object({
  /** Seconds without input after which the widget reports the visitor idle; null: no rule reads idleness. */
  idleAfter: Seconds.nullable(),
  exitIntent: z.boolean(),
  /** The tracked events (`Mostrador('track', name)`) the rules read; absent from older servers: none. */
  events: z
    .array(z.string().min(1).max(60))
    .max(TRIGGER_RULES_MAX * TRIGGER_CONDITIONS_MAX)
    .optional(),
});
export type TriggerWatch = z.infer<typeof TriggerWatch>;
/** An admin edited the site's rules: open tabs send what the new rules read. */
export const TriggersChanged = z.object({ watch: TriggerWatch });
export type TriggersChanged = z.infer<typeof TriggersChanged>;

/**
 * A rule fired for this tab: the invitation to show. The widget answers
 * `trigger:shown` when it shows it (only then is the firing stored, and its
 * `firingId` may go with the visitor's reply) or `trigger:declined` when the
 * visitor is busy typing or sending (the rule may fire again later).
 */
export const TriggerFired = z.object({
  firingId: TriggerReport.shape.firingId,
  kind: TriggerAction.shape.kind,
  message: z.string(),
  /** The named agent's; null: the shop's own name. */
  senderName: z.string().nullable(),
});
export type TriggerFired = z.infer<typeof TriggerFired>;

export const TriggerAnswer = z.object({ firingId: TriggerReport.shape.firingId });
