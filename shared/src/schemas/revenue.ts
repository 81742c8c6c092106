import { z } from 'zod';
import { ATTRIBUTION_DAYS_MAX } from '../reports/attribution.ts';
import { Currency } from './shop.ts';

/** How many days after a chat a purchase still counts, as a request asks for it. */
export const AttributionDays = z.coerce.number().int().min(1).max(ATTRIBUTION_DAYS_MAX);

const Count = z.number().int().min(0);
/** A share in percent with one decimal; null when nothing to divide by. */
const Percent = z.number().min(0).max(100).nullable();

/** A sum of purchase totals in one currency, in its major unit, rounded to cents (no ceiling: a year of a busy shop's sales). Currencies are never added together. */
export const CurrencyAmount = z.object({ currency: Currency, amount: z.number().finite().min(0) });
export type CurrencyAmount = z.infer<typeof CurrencyAmount>;

/**
 * The additive revenue figures of a set of visitors, each counted once:
 * how many there were, how many reached checkout and how many bought within the attribution window, how
 * many purchases that window holds, and their totals per currency (sorted by code).
 */
export const RevenueTally = z.object({
  visitors: Count,
  /** Visitors who reached checkout (a checkout or a purchase event) in their window: the carts. */
  checkouts: Count,
  converted: Count,
  purchases: Count,
  revenue: z.array(CurrencyAmount),
});
export type RevenueTally = z.infer<typeof RevenueTally>;

/** A tally and its conversion rate: converted / visitors. */
export const RevenueFigure = RevenueTally.extend({ conversionRate: Percent });
export type RevenueFigure = z.infer<typeof RevenueFigure>;

/** The revenue after the chats of one trigger rule; id null: chats no trigger started. Name null: the rule is gone. */
export const RevenueTriggerRow = RevenueFigure.extend({ id: z.string().nullable(), name: z.string().nullable() });
export type RevenueTriggerRow = z.infer<typeof RevenueTriggerRow>;

/** One local day: the visitors whose window opened that day (first chat's conversation created, or first page view). */
export const RevenueDay = z.object({ date: z.string(), chat: RevenueTally, baseline: RevenueTally });
export type RevenueDay = z.infer<typeof RevenueDay>;

/**
 * Purchases after a chat, beside the same figures for visitors who did not
 * chat. Correlation with a baseline, not proof that the chat caused them.
 */
export const RevenueReport = z.object({
  attributionDays: z.number().int().min(1).max(ATTRIBUTION_DAYS_MAX),
  chat: RevenueFigure,
  baseline: RevenueFigure,
  byTrigger: z.array(RevenueTriggerRow),
  days: z.array(RevenueDay),
});
export type RevenueReport = z.infer<typeof RevenueReport>;
