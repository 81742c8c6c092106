import { DEFAULT_BRANDING } from '@mostrador/shared/branding';
import type { BrandingChanged, SessionEstablished } from '@mostrador/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addAgent,
  connectAgentAs,
  connectVisitor,
  connected,
  login,
  nextFact,
  visitorCommand,
  AGENT_PASSWORD,
  SHOP_ORIGIN,
  startTestServer,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

async function handshake(): Promise<SessionEstablished> {
  const socket = connectVisitor(server.url, { siteKey: server.siteKey });
  sockets.push(socket);
  const established = nextFact<VisitorSocket, SessionEstablished>(socket, 'session:established');
  await connected(socket);
  return established;
}

const siteId = () => server.app.services.sites.byKey(server.siteKey)!.id;

describe('the widget’s branding, in its handshake', () => {
  it('carries the defaults and no reply time on a new site', async () => {
    const { site } = await handshake();
    expect(site.branding).toEqual({ look: DEFAULT_BRANDING, replySeconds: null });
  });

  it('carries what the admin saved, on the next page view', async () => {
    const saved = await server.app.services.sites.setBranding(siteId(), {
      ...DEFAULT_BRANDING,
      color: '#0b5d3b',
      side: 'left',
      theme: 'dark',
    });
    expect(saved.ok).toBe(true);
    const { site } = await handshake();
    expect(site.branding?.look).toMatchObject({ color: '#0b5d3b', side: 'left', theme: 'dark' });
  });

  it('names the agents online by first name only while the site shows its team, and not otherwise', async () => {
    const agent = await connectAgentAs(server, server.agentEmail);
    sockets.push(agent);
    const shown = await handshake();
    expect(shown.site.onlineAgents).toMatchObject({ any: true, team: ['Marta'] });

    await server.app.services.sites.setBranding(siteId(), { ...DEFAULT_BRANDING, showTeam: false });
    const hidden = await handshake();
    expect(hidden.site.onlineAgents.any).toBe(true);
    expect(hidden.site.onlineAgents).not.toHaveProperty('team');
  });

  it('tells open widgets live when a colleague comes online, so the avatars follow without a reload', async () => {
    await addAgent(server, { email: 'jordi@shop.example', name: 'Jordi Puig' });
    const marta = await connectAgentAs(server, server.agentEmail);
    sockets.push(marta);
    const socket = connectVisitor(server.url, { siteKey: server.siteKey });
    sockets.push(socket);
    const established = nextFact<VisitorSocket, SessionEstablished>(socket, 'session:established');
    await connected(socket);
    expect((await established).site.onlineAgents.team).toEqual(['Marta']);

    const changed = nextFact<VisitorSocket, { onlineAgents: { team?: string[] } }>(socket, 'agents:changed');
    sockets.push(await connectAgentAs(server, 'jordi@shop.example'));
    expect((await changed).onlineAgents.team?.sort()).toEqual(['Jordi', 'Marta']);
  });

  it('tells the site’s open widgets the look an admin saves, at once, and no widget of another site', async () => {
    await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    const cookie = await login(server.url, 'boss@shop.example', AGENT_PASSWORD);
    const socket = connectVisitor(server.url, { siteKey: server.siteKey });
    sockets.push(socket);
    await connected(socket);
    const other = await server.app.services.sites.create({ name: 'Other', allowedOrigins: [SHOP_ORIGIN] });
    const stranger = connectVisitor(server.url, { siteKey: other.key });
    sockets.push(stranger);
    await connected(stranger);
    const heardByStranger: unknown[] = [];
    stranger.on('branding:changed', (fact) => heardByStranger.push(fact));

    const pushed = nextFact<VisitorSocket, BrandingChanged>(socket, 'branding:changed');
    const look = {
      ...DEFAULT_BRANDING,
      color: '#0b5d3b',
      launcher: 'labelled',
      launcherText: { ca: 'Parlem?', es: '', en: '' },
      sound: true,
    };
    const res = await fetch(`${server.url}/api/admin/site/branding`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie, origin: server.url },
      body: JSON.stringify(look),
    });
    expect(res.status).toBe(200);
    expect(await pushed).toEqual({ branding: { look, replySeconds: null } });
    // Packets on one socket arrive in order: an ack asked for after the save comes after any fact the save sent.
    expect((await visitorCommand(stranger, 'conversation:earlier', {})).ok).toBe(true);
    expect(heardByStranger).toEqual([]);
  });
});
