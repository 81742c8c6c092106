import { describe, expect, it } from 'vitest';
import type { TriggerRule, TriggersChanged } from '@mostrador/shared';
import { connected, connectVisitor, visitorCommand, type VisitorSocket } from '../testing/harness.ts';
import { clusterAdmin, clusterPerTest, type TestNode } from '../testing/cluster-apps.ts';
import { invitedOn } from '../testing/invitations.ts';
import { eventually } from '../testing/redis.ts';

const perTest = clusterPerTest();
const { sockets } = perTest;

/** A widget on `node` that leaves the rules to the server, and every `triggers:changed` it hears. */
async function widgetOn(node: TestNode): Promise<{ socket: VisitorSocket; told: TriggersChanged[] }> {
  const socket = connectVisitor(node.url, { siteKey: perTest.cluster.siteKey });
  sockets.push(socket);
  const told: TriggersChanged[] = [];
  socket.on('triggers:changed', (payload) => told.push(payload));
  await connected(socket);
  return { socket, told };
}

describe('trigger rules edited on one node of a cluster', () => {
  it('are told once to the widgets on every other node, and fire there, though the editing node has no widget', async () => {
    const cluster = await perTest.start(3);
    const [a, b, c] = cluster.nodes;
    const admin = await clusterAdmin(cluster);
    const onB = await widgetOn(b!);
    const onC = await widgetOn(c!);
    const rules = (await a!.app.inject({ method: 'GET', url: '/api/admin/triggers', cookies: admin })).json<{ triggers: TriggerRule[] }>();
    const rule = rules.triggers[0]!;

    const res = await a!.app.inject({
      method: 'PATCH',
      url: `/api/admin/triggers/${rule.id}`,
      cookies: admin,
      payload: {
        enabled: true,
        conditions: [{ type: 'pages_viewed', min: 1, negate: false }],
        action: { kind: 'teaser', message: 'Et puc ajudar?', agentId: null, departmentId: null, tags: [] },
      },
    });
    expect(res.statusCode).toBe(200);
    await eventually('both widgets are told', () => onB.told.length > 0 && onC.told.length > 0);
    // A command's answer follows everything sent before it on the socket: nothing else was told.
    await Promise.all([onB, onC].map(({ socket }) => visitorCommand(socket, 'conversation:earlier', {})));
    expect([...onB.told, ...onC.told]).toEqual([
      { watch: { idleAfter: null, exitIntent: false, events: [] } },
      { watch: { idleAfter: null, exitIntent: false, events: [] } },
    ]);

    // Node C evaluates the edited rule for its own tab.
    expect(await invitedOn(onC.socket)).toMatchObject({ kind: 'teaser', message: 'Et puc ajudar?' });
    await eventually('b lists the rule enabled', async () => {
      const onB = (await b!.app.inject({ method: 'GET', url: '/api/admin/triggers', cookies: admin })).json<{ triggers: TriggerRule[] }>();
      return onB.triggers[0]?.enabled === true;
    });
  });

  it('stop firing on the other node once deleted on one', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes;
    const admin = await clusterAdmin(cluster);
    const [rule] = a!.app.services.triggers.list(cluster.siteId);
    await a!.app.services.triggers.update(cluster.siteId, rule!.id, {
      enabled: true,
      conditions: [{ type: 'pages_viewed', min: 2, negate: false }],
    });
    await eventually('b has the rule enabled', () => b!.app.services.triggers.list(cluster.siteId)[0]?.enabled === true);

    const res = await a!.app.inject({ method: 'DELETE', url: `/api/admin/triggers/${rule!.id}`, cookies: admin });
    expect(res.statusCode).toBe(204);
    await eventually('b has let the rule go', () => b!.app.services.triggers.list(cluster.siteId).every((r) => r.id !== rule!.id));
    expect(b!.app.services.triggers.evaluation(cluster.siteId).rules).toEqual([]);
    expect(b!.app.services.triggers.invitation(cluster.siteId, rule!.id, 'fir_1')).toBeNull();
  });
});
