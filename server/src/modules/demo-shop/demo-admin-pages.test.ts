import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentSummary } from '@mostrador/shared';
import {
  connectAgent,
  connected,
  connectVisitor,
  login,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { seedDemo } from './demo-seed.ts';

// A real server and sockets: a ticket reaches the demo admin only once her console is connected.

let server: TestServer;
const sockets: Array<AgentSocket | VisitorSocket> = [];
const PASSWORD = 'admin-pages-pass';

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

/** The requests the console's Admin → Triggers page makes when it opens. */
const TRIGGERS_PAGE = ['/api/admin/triggers', '/api/admin/agents', '/api/admin/departments', '/api/admin/site'];

describe('the demo admin pages with a ticket assigned', () => {
  it('answer the Triggers page and an agent edit once the demo admin holds a ticket, which counts its weight in her load', async () => {
    const { email, site } = await seedDemo(server.app.services, { shopUrl: server.url, password: PASSWORD });
    // Nobody is online: the shopper's chat is a ticket.
    const shopper = connectVisitor(server.url, { siteKey: site.key }, server.url);
    sockets.push(shopper);
    await connected(shopper);
    const sent = await visitorCommand(shopper, 'message:send', { clientId: 'ticket-before-login', body: 'Hola? Sou aquí?' });
    expect(sent.ok).toBe(true);

    // Laia logs in to the console; the site-wide line is open, so routing hands her the ticket.
    const cookie = await login(server.url, email, PASSWORD);
    const desk = connectAgent(server.url, cookie);
    sockets.push(desk);
    await connected(desk);
    const agents = async () => {
      const res = await fetch(`${server.url}/api/admin/agents`, { headers: { cookie } });
      return { status: res.status, body: (await res.json()) as { agents?: AgentSummary[] } };
    };
    const laiaOf = (list: { agents?: AgentSummary[] }) => list.agents?.find((agent) => agent.email === email);
    const answer = async () => {
      const { status, body } = await agents();
      return `${status}: load ${laiaOf(body)?.load}`;
    };
    await expect.poll(answer).toBe(`200: load ${server.config.ticketWeight}`);

    for (const url of TRIGGERS_PAGE) {
      const res = await fetch(`${server.url}${url}`, { headers: { cookie } });
      expect(res.status, `${url}: ${await res.clone().text()}`).toBe(200);
    }
    const listed = await agents();
    expect(listed.body.agents?.map((agent) => agent.name).sort()).toEqual(['Jordi', 'Laia', 'Núria']);
    expect(laiaOf(listed.body)).toMatchObject({ status: 'online', load: server.config.ticketWeight, capacity: 3 });

    // An edit of the agent holding the ticket answers with her summary too, not an error after the change is saved.
    const laia = laiaOf(listed.body)!;
    const edited = await fetch(`${server.url}/api/admin/agents/${laia.id}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ capacity: 4 }),
    });
    expect(edited.status, await edited.clone().text()).toBe(200);
    expect(((await edited.json()) as { agent: AgentSummary }).agent).toMatchObject({ load: server.config.ticketWeight, capacity: 4 });
  });
});
