import type { OnlineAgentsChanged, SessionEstablished } from '@mostrador/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  connectAgentAs,
  connectVisitor,
  connected,
  nextFact,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { PNG_BYTES } from './picture-fixtures.ts';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

const siteId = () => server.app.services.sites.byKey(server.siteKey)!.id;
const martaId = () => server.app.services.agents.list(siteId()).find((a) => a.name === 'Marta')!.id;

describe('agent pictures reach the widget', () => {
  it('with the team online, live when set, and with the agent in the chat, by the id their messages carry', async () => {
    sockets.push(await connectAgentAs(server, server.agentEmail));
    const visitor = connectVisitor(server.url, { siteKey: server.siteKey });
    sockets.push(visitor);
    const established = nextFact<VisitorSocket, SessionEstablished>(visitor, 'session:established');
    await connected(visitor);
    // No pictures yet: the team is names only, as before pictures existed.
    expect((await established).site.onlineAgents).not.toHaveProperty('pictures');

    const changed = nextFact<VisitorSocket, OnlineAgentsChanged>(visitor, 'agents:changed');
    const set = await server.app.services.avatars.set(siteId(), martaId(), PNG_BYTES);
    if (!set.ok) throw new Error(set.error.message);
    expect((await changed).onlineAgents).toMatchObject({ team: ['Marta'], pictures: [set.data.picture] });

    const sent = await visitorCommand(visitor, 'message:send', { clientId: 'avatar-msg-1', body: 'hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.conversation.agents).toEqual([{ id: martaId(), name: 'Marta', picture: set.data.picture }]);
  });
});
