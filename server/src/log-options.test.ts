import { afterEach, describe, expect, it } from 'vitest';
import { identityHash } from './modules/visitors/index.ts';
import { loggablePath } from './log-options.ts';
import {
  addAgent,
  AGENT_PASSWORD,
  connectAgent,
  connected,
  connectVisitorSession,
  login,
  startTestServer,
  visitorCommand,
  type TestServer,
} from './testing/harness.ts';

describe('loggablePath', () => {
  it('keeps the path and drops the query string', () => {
    expect(loggablePath('/api/conversations?token=abc&x=1')).toBe('/api/conversations');
    expect(loggablePath('/api/health')).toBe('/api/health');
    expect(loggablePath('/?')).toBe('/');
  });
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe('the log of a full session', () => {
  it('holds no password, cookie, token, identity hash or secret, nor any message body or draft', async () => {
    const lines: string[] = [];
    server = await startTestServer({ logLevel: 'trace' }, { logStream: { write: (line) => void lines.push(line) } });
    const { url } = server;
    const site = server.app.services.sites.byKey(server.siteKey)!;
    await addAgent(server, { email: 'admin@shop.example', name: 'Admin', role: 'admin' });

    // An agent logs in (and someone mistypes a password), then works in the console.
    const wrongPassword = 'not-the-password-5b1e';
    await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@shop.example', password: wrongPassword }),
    });
    const cookie = await login(url, 'admin@shop.example', AGENT_PASSWORD);
    const sessionToken = cookie.split('=')[1]!;
    const newAgentPassword = 'fresh-agent-password-93c4';
    const created = await fetch(`${url}/api/admin/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: url },
      body: JSON.stringify({ email: 'nova@shop.example', name: 'Nova', role: 'agent', password: newAgentPassword }),
    });
    expect(created.status).toBe(201);
    const agent = connectAgent(url, cookie);
    await connected(agent);

    // A shopper chats, identified by the shop with a signed hash.
    const visitor = await connectVisitorSession(server);
    const hash = identityHash(site.identitySecret, 'cust-4242');
    const identified = await visitorCommand(visitor.socket, 'visitor:identify', { id: 'cust-4242', hash });
    expect(identified.ok).toBe(true);
    const body = 'unique message body 7d2f9a';
    const draft = 'unique typing draft 41c0e8';
    expect((await visitorCommand(visitor.socket, 'message:send', { clientId: 'c-log-0001', body })).ok).toBe(true);
    await visitorCommand(visitor.socket, 'typing:set', { typing: true, draft });
    // Tokens put in query strings by mistake: refused, and their URLs logged without them.
    expect((await fetch(`${url}/api/conversations?token=${visitor.token}`)).status).toBe(401);
    expect((await fetch(`${url}/api/auth/me?session=${sessionToken}`)).status).toBe(401);
    expect((await fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: url } })).status).toBeLessThan(300);
    agent.disconnect();
    visitor.socket.disconnect();

    const log = lines.join('');
    // The log did record the session, URLs included.
    expect(log).toContain('"url":"/api/conversations"');
    expect(log).toContain('"url":"/api/auth/login"');
    const secrets = {
      password: AGENT_PASSWORD,
      wrongPassword,
      newAgentPassword,
      sessionToken,
      visitorToken: visitor.token,
      hash,
      identitySecret: site.identitySecret,
      body,
      draft,
    };
    for (const [name, secret] of Object.entries(secrets)) expect(log.includes(secret), name).toBe(false);
  });
});
