import type { TriggerFired, TriggerRuleInput } from '@mostrador/shared';
import { nextFact, SHOP_ORIGIN, visitorCommand, type TestServer, type VisitorSocket } from './harness.ts';

/** The widget reports a page of the test shop, as its tracker does on every page. */
export const viewPage = (socket: VisitorSocket, path = '/') =>
  visitorCommand(socket, 'page:viewed', { url: `${SHOP_ORIGIN}${path}`, title: 'Botiga', referrer: '' });

/** The invitation the server sends once the visitor views this page, shown as the widget shows it (and says so). */
export async function invitedOn(socket: VisitorSocket, path = '/'): Promise<TriggerFired> {
  const offered = nextFact<VisitorSocket, TriggerFired>(socket, 'trigger:fired');
  await viewPage(socket, path);
  const fired = await offered;
  const shown = await visitorCommand(socket, 'trigger:shown', { firingId: fired.firingId });
  if (!shown.ok) throw new Error(shown.error.message);
  return fired;
}

/**
 * The site's first default rule, enabled and made to fire on the first page a
 * visitor views (once per visit): for tests of what follows an invitation.
 */
export async function inviteOnFirstPage(
  server: TestServer,
  siteId: string,
  action: Partial<TriggerRuleInput['action']> = {},
): Promise<string> {
  const [rule] = server.app.services.triggers.list(siteId);
  const result = await server.app.services.triggers.update(siteId, rule!.id, {
    enabled: true,
    conditions: [{ type: 'pages_viewed', min: 1, negate: false }],
    action: { kind: 'teaser', message: 'Et puc ajudar amb la talla?', agentId: null, departmentId: null, tags: ['talla'], ...action },
  });
  if (!result.ok) throw new Error(result.error.message);
  return rule!.id;
}
