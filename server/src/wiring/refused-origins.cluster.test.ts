import type { RefusedOrigin } from '@mostrador/shared';
import { describe, expect, it } from 'vitest';
import { connected, connectVisitor } from '../testing/harness.ts';
import { clusterAdmin, clusterPerTest, type TestNode } from '../testing/cluster-apps.ts';
import { eventually } from '../testing/redis.ts';

const perTest = clusterPerTest();

/** A widget's handshake from a page of `origin`, refused as the site does not allow it. */
async function refusedOn(node: TestNode, origin: string): Promise<void> {
  const socket = connectVisitor(node.url, { siteKey: perTest.cluster.siteKey }, origin);
  perTest.sockets.push(socket);
  await expect(connected(socket)).rejects.toThrow();
  socket.disconnect();
}

describe('refused shop origins in a cluster', () => {
  it('are listed to an admin on any node, with the counts every node has told added up', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes as [TestNode, TestNode];
    const admin = await clusterAdmin(cluster);
    const listOn = async (node: TestNode) =>
      (await node.app.inject({ method: 'GET', url: '/api/admin/site/refused-origins', cookies: admin })).json<{
        origins: RefusedOrigin[];
      }>().origins;

    await refusedOn(a, 'https://new-shop.example');
    await refusedOn(a, 'https://new-shop.example');
    await refusedOn(b, 'https://new-shop.example');
    await refusedOn(a, 'https://staging.shop.example');

    const brief = (origins: RefusedOrigin[]) => origins.map(({ origin, count }) => ({ origin, count }));
    // A node tells an origin when it first refuses it, then at most once a minute: node A's second refusal is not told yet.
    const onB = [
      { origin: 'https://staging.shop.example', count: 1 },
      { origin: 'https://new-shop.example', count: 2 },
    ];
    await eventually('node B lists node A’s refusals', async () => JSON.stringify(brief(await listOn(b))) === JSON.stringify(onB));
    expect(brief(await listOn(a))).toEqual([
      { origin: 'https://staging.shop.example', count: 1 },
      { origin: 'https://new-shop.example', count: 3 },
    ]);
  });
});
