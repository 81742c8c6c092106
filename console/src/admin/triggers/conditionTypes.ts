import type { ConditionType } from '@mostrador/shared';
import type { AdminMessageKey } from '../i18n/index.ts';

/** What each condition is called in the editor's type select and on its row. */
export const CONDITION_LABELS: Readonly<Record<ConditionType, AdminMessageKey>> = {
  time_on_page: 'conditions.type.time_on_page',
  time_on_site: 'conditions.type.time_on_site',
  pages_viewed: 'conditions.type.pages_viewed',
  idle: 'conditions.type.idle',
  exit_intent: 'conditions.type.exit_intent',
  url: 'conditions.type.url',
  product_page: 'conditions.type.product_page',
  referrer: 'conditions.type.referrer',
  utm: 'conditions.type.utm',
  cart_value: 'conditions.type.cart_value',
  cart_items: 'conditions.type.cart_items',
  cart_contains: 'conditions.type.cart_contains',
  checkout_idle: 'conditions.type.checkout_idle',
  returning_visitor: 'conditions.type.returning_visitor',
  language: 'conditions.type.language',
  agents_online: 'conditions.type.agents_online',
  business_hours: 'conditions.type.business_hours',
  event: 'conditions.type.event',
};

/** Eighteen types make a long select: grouped by what they look at, so admins find theirs. */
export const CONDITION_GROUPS: readonly { label: AdminMessageKey; types: readonly ConditionType[] }[] = [
  { label: 'conditions.group.behaviour', types: ['time_on_page', 'time_on_site', 'pages_viewed', 'idle', 'exit_intent'] },
  { label: 'conditions.group.page', types: ['url', 'product_page', 'referrer', 'utm'] },
  { label: 'conditions.group.cart', types: ['cart_value', 'cart_items', 'cart_contains', 'checkout_idle'] },
  { label: 'conditions.group.visitor', types: ['returning_visitor', 'language'] },
  { label: 'conditions.group.availability', types: ['agents_online', 'business_hours'] },
  { label: 'conditions.group.shop', types: ['event'] },
];

export function isConditionType(value: string): value is ConditionType {
  return Object.hasOwn(CONDITION_LABELS, value);
}
