import { describe, expect, it } from 'vitest';
import type { SessionEstablished } from '@mostrador/shared';
import { addAgent, connectAgentAs, connected, connectVisitor, nextFact, type VisitorSocket } from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * Who could answer, as a widget hears it: which departments have someone
 * online (a shopper picking one that has nobody is offered the offline
 * form instead), and the faces of the team, a few at most.
 */
const scope = serverPerTest();
const { sockets } = scope;

const siteId = () => scope.server.app.services.sites.byKey(scope.server.siteKey)!.id;

async function widget(): Promise<SessionEstablished> {
  const socket = connectVisitor(scope.server.url, { siteKey: scope.server.siteKey });
  sockets.push(socket);
  const established = nextFact<VisitorSocket, SessionEstablished>(socket, 'session:established');
  await connected(socket);
  return established;
}

async function department(slug: string, name: string): Promise<string> {
  const created = await scope.server.app.services.departments.create(siteId(), { slug, name, routing: 'auto' });
  if (!created.ok) throw new Error(created.error.message);
  return created.data.id;
}

describe('who could answer, for the widget', () => {
  it('lists only the departments with someone online', async () => {
    const sales = await department('sales', 'Sales');
    const returns = await department('returns', 'Returns');
    await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna', departmentIds: [sales] });
    await addAgent(scope.server, { email: 'rita@shop.example', name: 'Rita', departmentIds: [returns] });
    sockets.push(await connectAgentAs(scope.server, 'anna@shop.example'));
    const { site } = await widget();
    expect(site.onlineAgents).toMatchObject({ any: true, departments: [sales] });
  });

  it('shows at most four faces, however many are online', async () => {
    const names = ['Anna', 'Bernat', 'Carla', 'Dani', 'Eva', 'Ferran'];
    for (const name of names) {
      const email = `${name.toLowerCase()}@shop.example`;
      await addAgent(scope.server, { email, name: `${name} Puig` });
      sockets.push(await connectAgentAs(scope.server, email));
    }
    const { site } = await widget();
    expect(site.onlineAgents.team).toHaveLength(4);
    for (const face of site.onlineAgents.team ?? []) expect(names).toContain(face);
  });

  it('names no team at all while nobody is online, and then the first name of whoever comes', async () => {
    await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna Puig' });
    expect((await widget()).site.onlineAgents).toEqual({ any: false, departments: [] });
    sockets.push(await connectAgentAs(scope.server, 'anna@shop.example'));
    expect((await widget()).site.onlineAgents).toEqual({ any: true, departments: [], team: ['Anna'] });
  });
});
