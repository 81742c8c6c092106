import type { RuleCondition, SessionEstablished, TriggerCondition, WidgetTrigger } from '@mostrador/shared';
import { firstVisit, quietSite, session } from '../chat/testSession.ts';

/** Builders for trigger fixtures; not imported by production code. */
export const when = (condition: TriggerCondition, negate = false): RuleCondition => ({ ...condition, negate });

export function rule(id: string, conditions: RuleCondition[], overrides: Partial<WidgetTrigger> = {}): WidgetTrigger {
  return {
    id,
    conditions,
    action: { kind: 'open', message: 'Can we help you choose?', senderName: 'Marta', departmentId: null },
    frequency: { kind: 'every_hours', hours: 1 },
    ...overrides,
  };
}

export const teaserAction = (message = 'Free shipping today!'): WidgetTrigger['action'] => ({
  kind: 'teaser',
  message,
  senderName: null,
  departmentId: null,
});

/** A greeting from the server that carries these rules, on the visit's first page. */
export function sessionWith(triggers: WidgetTrigger[], visit: SessionEstablished['visit'] = firstVisit): SessionEstablished {
  const base = session(null);
  return { ...base, site: { ...base.site, ...quietSite, triggers }, visit };
}
