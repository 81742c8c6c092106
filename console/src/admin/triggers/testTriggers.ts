import type { TriggerReportBody, TriggerReportRow, TriggerRule } from '@mostrador/shared';
import { emptyRevenueFigure } from '@mostrador/shared/reports';
import { agentSummary, sales, support, type Reply } from '../testApi.ts';

/** Test builders for the triggers section: rules, and the lists the page loads beside them. */
export function triggerRule(overrides: Partial<TriggerRule> & { id: string; name: string }): TriggerRule {
  return {
    enabled: true,
    conditions: [],
    action: { kind: 'teaser', message: 'Need a hand?', agentId: null, departmentId: null, tags: [] },
    frequency: { kind: 'once_per_session' },
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

export const cartRescue = triggerRule({
  id: 'trg_cart',
  name: 'Cart rescue',
  conditions: [
    { type: 'cart_value', op: 'gte', amount: 100, currency: 'EUR', negate: false },
    { type: 'time_on_page', seconds: 45, negate: false },
  ],
  action: { kind: 'teaser', message: 'Free shipping over €100. Questions?', agentId: null, departmentId: null, tags: ['cart'] },
});

export const welcomeBack = triggerRule({
  id: 'trg_back',
  name: 'Welcome back',
  conditions: [{ type: 'returning_visitor', negate: false }],
  action: { kind: 'open', message: 'Welcome back!', agentId: 'agt_nuria', departmentId: 'dep_sales', tags: [] },
  frequency: { kind: 'once_per_visitor' },
});

export const nightOwls = triggerRule({
  id: 'trg_night',
  name: 'Night owls',
  enabled: false,
  conditions: [{ type: 'business_hours', timeZone: 'Europe/Madrid', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00', negate: true }],
});

export const site = {
  name: 'Botiga Vella',
  key: 'site_key_123',
  allowedOrigins: ['self'],
  departmentChoice: false,
  typingPreview: true,
  identityEnforced: false,
  identitySecret: 'secret-one-0123456789abcdef',
};

/** A trigger report's body for `days`, with the given rows and nobody in the conversion figures beside them. */
export function reportBody(days: number, rows: TriggerReportRow[]): TriggerReportBody {
  return { days, attributionDays: 3, rows, withoutTrigger: emptyRevenueFigure(), baseline: emptyRevenueFigure() };
}

/** What the page loads besides the rules; the report answers for the default 30 days with nothing counted. */
export const pageRoutes: Record<string, Reply> = {
  'GET /api/admin/agents': [200, { agents: [agentSummary(), agentSummary({ id: 'agt_pau', name: 'Pau', role: 'agent' })] }],
  'GET /api/admin/departments': [200, { departments: [sales, support] }],
  'GET /api/admin/site': [200, site],
  'GET /api/admin/triggers/report?days=30': [200, reportBody(30, [])],
};
