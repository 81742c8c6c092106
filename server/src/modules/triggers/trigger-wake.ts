import type { WidgetTrigger } from '@mostrador/shared';
import { nextBusinessHoursChange } from '@mostrador/shared/triggers/hours';

/** The widget reports idleness after at least this long without input: shorter spells would be a signal at every pause. */
export const IDLE_REPORT_MIN_SECONDS = 5;

/** When the time-based conditions read their clock from. */
export interface TabClock {
  pageStartedAt: number;
  visitStartedAt: number;
  /** Since when the widget has reported the visitor idle; null: active. */
  idleSince: number | null;
  /** When the visitor began checkout, while they are in it. */
  checkoutSince: number | null;
}

/**
 * The next moment any of the rules' conditions could change its answer by
 * the clock alone (time on page or site, idleness, business hours opening or
 * closing), or null when none can: then only a new page, the cart, a signal,
 * agents coming online or an edit of the rules can make a rule qualify.
 */
export function nextWake(rules: readonly WidgetTrigger[], clock: TabClock, now: number): number | null {
  let next = Infinity;
  const at = (moment: number) => {
    if (moment > now && moment < next) next = moment;
  };
  for (const rule of rules) {
    for (const condition of rule.conditions) {
      switch (condition.type) {
        case 'time_on_page':
          at(clock.pageStartedAt + condition.seconds * 1000);
          break;
        case 'time_on_site':
          at(clock.visitStartedAt + condition.seconds * 1000);
          break;
        case 'idle':
          if (clock.idleSince !== null) at(clock.idleSince + condition.seconds * 1000);
          break;
        case 'checkout_idle':
          if (clock.idleSince !== null && clock.checkoutSince !== null)
            at(Math.max(clock.idleSince, clock.checkoutSince) + condition.seconds * 1000);
          break;
        case 'business_hours': {
          const change = nextBusinessHoursChange(condition, now);
          if (change !== null) at(change);
          break;
        }
        default:
          break;
      }
    }
  }
  return next === Infinity ? null : next;
}

/** What the site's rules read beyond the tab's page and cart, so neither the widget nor the server works for nothing. */
export interface RuleNeeds {
  /** The shortest idleness any rule reads (seconds, at least IDLE_REPORT_MIN_SECONDS), or null: the widget never reports it. */
  idleAfter: number | null;
  exitIntent: boolean;
  /** The tracked events the rules read, by name. */
  events: ReadonlySet<string>;
  /** The visit's landing page (referrer, UTM parameters). */
  landing: boolean;
  agentsOnline: boolean;
}

export function needsOf(rules: readonly WidgetTrigger[]): RuleNeeds {
  const needs = { idleAfter: null as number | null, exitIntent: false, events: new Set<string>(), landing: false, agentsOnline: false };
  for (const rule of rules) {
    for (const condition of rule.conditions) {
      switch (condition.type) {
        case 'idle':
        case 'checkout_idle':
          needs.idleAfter = Math.min(needs.idleAfter ?? Infinity, Math.max(IDLE_REPORT_MIN_SECONDS, condition.seconds));
          break;
        case 'exit_intent':
          needs.exitIntent = true;
          break;
        case 'event':
          needs.events.add(condition.name);
          break;
        case 'referrer':
        case 'utm':
          needs.landing = true;
          break;
        case 'agents_online':
          needs.agentsOnline = true;
          break;
        default:
          break;
      }
    }
  }
  return needs;
}
