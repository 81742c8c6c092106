import type { RuleCondition, TriggerFrequency, TriggerRuleInput } from '@mostrador/shared';
import type { Language } from '../../i18n/index.ts';
import { adminTranslatorFor, type AdminTranslate } from '../i18n/index.ts';
import { formatDays, formatDuration, formatLanguages, formatMoney, formatNumber, formatPattern } from './format.ts';

/**
 * One condition as a clause of the rule's sentence. Each negation has its
 * own wording rather than a "not" in front, so it reads as people say it:
 * a negated "time on page ≥ 45 s" is "time on page < 45 s", a negated
 * business hours "outside business hours".
 */
export function describeCondition(condition: RuleCondition, language: Language, t: AdminTranslate): string {
  const not = condition.negate;
  switch (condition.type) {
    case 'time_on_page':
    case 'time_on_site':
    case 'idle':
    case 'checkout_idle': {
      const duration = formatDuration(condition.seconds, language);
      const keys = {
        time_on_page: ['summary.timeOnPage', 'summary.timeOnPageNot'],
        time_on_site: ['summary.timeOnSite', 'summary.timeOnSiteNot'],
        idle: ['summary.idle', 'summary.idleNot'],
        checkout_idle: ['summary.checkoutIdle', 'summary.checkoutIdleNot'],
      } as const;
      return t(keys[condition.type][not ? 1 : 0], { duration });
    }
    case 'pages_viewed':
      return t(not ? 'summary.pagesViewedNot' : 'summary.pagesViewed', { count: formatNumber(condition.min, language) });
    case 'cart_items':
      return t(not ? 'summary.cartItemsNot' : 'summary.cartItems', { count: formatNumber(condition.min, language) });
    case 'exit_intent':
      return t(not ? 'summary.exitIntentNot' : 'summary.exitIntent');
    case 'url':
      return t(not ? 'summary.urlNot' : 'summary.url', { pattern: formatPattern(condition, t) });
    case 'referrer':
      return t(not ? 'summary.referrerNot' : 'summary.referrer', { pattern: formatPattern(condition, t) });
    case 'utm':
      return t(not ? 'summary.utmNot' : 'summary.utm', { param: `utm_${condition.param}`, pattern: formatPattern(condition, t) });
    case 'product_page':
      if (condition.minPrice === null) return t(not ? 'summary.productPageNot' : 'summary.productPage');
      return t(not ? 'summary.productPagePricedNot' : 'summary.productPagePriced', {
        price: formatMoney(condition.minPrice, condition.currency, language),
      });
    case 'cart_value': {
      // "Not at least" is "less than", and the other way round.
      const atLeast = (condition.op === 'gte') !== not;
      return t(atLeast ? 'summary.cartValueAtLeast' : 'summary.cartValueBelow', {
        amount: formatMoney(condition.amount, condition.currency, language),
      });
    }
    case 'cart_contains':
      return t(not ? 'summary.cartContainsNot' : 'summary.cartContains', { sku: condition.sku });
    case 'returning_visitor':
      return t(not ? 'summary.returningNot' : 'summary.returning');
    case 'language':
      return t(not ? 'summary.languageNot' : 'summary.language', { languages: formatLanguages(condition.languages, language) });
    case 'agents_online':
      return t(not ? 'summary.agentsOnlineNot' : 'summary.agentsOnline');
    case 'business_hours':
      return t(not ? 'summary.businessHoursNot' : 'summary.businessHours', {
        days: formatDays(condition.days, language, t),
        hours: `${condition.from}–${condition.to}`,
        timeZone: condition.timeZone,
      });
    case 'event':
      return t(not ? 'summary.eventNot' : 'summary.event', { name: t('summary.quoted', { text: condition.name }) });
  }
}

export function describeFrequency(frequency: TriggerFrequency, language: Language, t: AdminTranslate): string {
  switch (frequency.kind) {
    case 'once_per_visitor':
      return t('summary.oncePerVisitor');
    case 'once_per_session':
      return t('summary.oncePerSession');
    case 'every_hours':
      return t('summary.everyHours', { hours: formatNumber(frequency.hours, language) });
  }
}

/** The rule in one sentence: "When cart value ≥ €100 and time on page ≥ 45 s, once per session". */
export function describeRule(rule: Pick<TriggerRuleInput, 'conditions' | 'frequency'>, language: Language): string {
  const t = adminTranslatorFor(language);
  const frequency = describeFrequency(rule.frequency, language, t);
  if (rule.conditions.length === 0) return t('summary.noConditions', { frequency });
  const clauses = rule.conditions.map((condition) => describeCondition(condition, language, t));
  const conditions = new Intl.ListFormat(language, { type: 'conjunction' }).format(clauses);
  return t('summary.when', { conditions, frequency });
}
