import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { MAX_MESSAGE_CHARS, SOCKET_PATH, VISITOR_NAMESPACE } from '@mostrador/shared';
import {
  AGENT_PASSWORD,
  agentCommand,
  connectAgent,
  connectVisitor,
  connected,
  login,
  nextFact,
  SHOP_ORIGIN,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '@mostrador/server/testing';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

async function visitor(): Promise<VisitorSocket> {
  const socket = connectVisitor(server.url, { siteKey: server.siteKey });
  sockets.push(socket);
  const session = nextFact(socket, 'session:established');
  await connected(socket);
  await session;
  return socket;
}

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

async function conversationCount(): Promise<number> {
  const cookie = await login(server.url, server.agentEmail, AGENT_PASSWORD);
  const res = await fetch(`${server.url}/api/conversations`, { headers: { cookie } });
  const body = (await res.json()) as { conversations: unknown[] };
  return body.conversations.length;
}

describe('malformed payloads', () => {
  it.each([
    ['a missing body', { clientId: 'valid-client-1' }],
    ['a blank body', { clientId: 'valid-client-2', body: '   ' }],
    ['a body over the limit', { clientId: 'valid-client-3', body: 'x'.repeat(MAX_MESSAGE_CHARS + 1) }],
    ['a bad client id', { clientId: 'no spaces allowed', body: 'hi' }],
    ['a string instead of an object', 'hello'],
    ['null', null],
  ])('refuses %s with a clear error and stores nothing', async (_label, payload) => {
    const socket = await visitor();
    const result = await visitorCommand(socket, 'message:send', payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_payload');
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(await conversationCount()).toBe(0);
  });

  it('accepts a message exactly at the limit', async () => {
    const socket = await visitor();
    const result = await visitorCommand(socket, 'message:send', {
      clientId: 'at-the-limit',
      body: 'x'.repeat(MAX_MESSAGE_CHARS),
    });
    expect(result.ok).toBe(true);
  });

  it('drops a socket frame over 64 KB without storing anything', async () => {
    const socket = await visitor();
    const dropped = nextFact(socket, 'disconnect');
    socket.emit('message:send', { clientId: 'too-large-1', body: 'x'.repeat(70 * 1024) }, () => undefined);
    await dropped;
    expect(await conversationCount()).toBe(0);
  });

  it('refuses a malformed HTTP body with a 400 in the shared error shape', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not-an-email', password: 5 }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_payload' } });
  });
});

describe('who may reach what', () => {
  it('refuses a visitor who asks for another visitor’s conversation', async () => {
    const alice = await visitor();
    const sent = await visitorCommand(alice, 'message:send', { clientId: 'alice-msg-1', body: 'private' });
    if (!sent.ok) throw new Error('send failed');

    const mallory = await visitor();
    const stolen = await visitorCommand(mallory, 'conversation:sync', {
      conversationId: sent.data.conversation.id,
      afterSeq: 0,
    });
    expect(stolen).toEqual({ ok: false, error: { code: 'not_found', message: 'No such conversation' } });
    const closed = await visitorCommand(mallory, 'conversation:close', { conversationId: sent.data.conversation.id });
    expect(closed).toEqual({ ok: false, error: { code: 'not_found', message: 'No such conversation' } });
    const own = await visitorCommand(alice, 'conversation:sync', { conversationId: sent.data.conversation.id, afterSeq: 0 });
    expect(own).toMatchObject({ ok: true, data: { conversation: { status: 'open' } } });
    expect(own.ok && own.data.events.map((e) => e.type)).toEqual(['message']);
  });

  it('does not hand a visitor another visitor’s stored message by reusing its client id', async () => {
    const alice = await visitor();
    const a = await visitorCommand(alice, 'message:send', { clientId: 'shared-client-id', body: 'alice' });
    const mallory = await visitor();
    const m = await visitorCommand(mallory, 'message:send', { clientId: 'shared-client-id', body: 'mallory' });
    if (!a.ok || !m.ok) throw new Error('send failed');
    expect(m.data.conversation.id).not.toBe(a.data.conversation.id);
    expect(m.data.event.body).toBe('mallory');
  });

  it('refuses visitor sockets from an origin the site does not allow, or without one', async () => {
    const foreign = connectVisitor(server.url, { siteKey: server.siteKey }, 'https://evil.example');
    sockets.push(foreign);
    // The code also travels as data.code, for clients that read a refusal's data rather than its message.
    await expect(connected(foreign)).rejects.toMatchObject({ message: 'origin_not_allowed', data: { code: 'origin_not_allowed' } });

    // A script outside any browser sends no Origin header at all.
    const headerless: VisitorSocket = io(`${server.url}${VISITOR_NAMESPACE}`, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      auth: { siteKey: server.siteKey },
      forceNew: true,
      reconnection: false,
    });
    sockets.push(headerless);
    await expect(connected(headerless)).rejects.toThrow('origin_not_allowed');

    const unknownSite = connectVisitor(server.url, { siteKey: 'no-such-site' });
    sockets.push(unknownSite);
    await expect(connected(unknownSite)).rejects.toThrow('unknown_site');

    // A handshake that is not one (no site key, a token of the wrong type) is refused before any lookup.
    for (const auth of [{}, { siteKey: server.siteKey, token: 42 }, { siteKey: server.siteKey, triggers: 'widget' }]) {
      const malformed: VisitorSocket = io(`${server.url}${VISITOR_NAMESPACE}`, {
        path: SOCKET_PATH,
        transports: ['websocket'],
        extraHeaders: { origin: SHOP_ORIGIN },
        auth,
        forceNew: true,
        reconnection: false,
      });
      sockets.push(malformed);
      await expect(connected(malformed)).rejects.toThrow('invalid_payload');
    }
  });

  it('refuses agent sockets without a session or from a foreign origin', async () => {
    const anonymous = connectAgent(server.url, 'mostrador_session=forged');
    sockets.push(anonymous);
    await expect(connected(anonymous)).rejects.toThrow('unauthorized');

    const cookie = await login(server.url, server.agentEmail, AGENT_PASSWORD);
    const crossSite = connectAgent(server.url, cookie, 'https://shop.example');
    sockets.push(crossSite);
    await expect(connected(crossSite)).rejects.toThrow('forbidden_origin');
  });

  it('keeps agents of one site out of another site’s conversations', async () => {
    const other = await server.app.services.sites.create({ name: 'Other shop', allowedOrigins: [] });
    await server.app.services.agents.create({
      siteId: other.id,
      email: 'intruder@other.example',
      name: 'Intruder',
      role: 'admin',
      password: AGENT_PASSWORD,
    });
    const socket = await visitor();
    const sent = await visitorCommand(socket, 'message:send', { clientId: 'site-a-msg-1', body: 'hola' });
    if (!sent.ok) throw new Error('send failed');

    const cookie = await login(server.url, 'intruder@other.example', AGENT_PASSWORD);
    const intruder = connectAgent(server.url, cookie);
    sockets.push(intruder);
    await connected(intruder);
    const page = await agentCommand(intruder, 'conversation:sync', {
      conversationId: sent.data.conversation.id,
      afterSeq: 0,
    });
    // Exactly like a missing conversation: the id tells the intruder nothing.
    expect(page).toEqual({ ok: false, error: { code: 'not_found', message: 'No such conversation' } });
    const reply = await agentCommand(intruder, 'message:send', {
      conversationId: sent.data.conversation.id,
      clientId: 'intruder-msg',
      body: 'boo',
    });
    expect(reply).toEqual({ ok: false, error: { code: 'not_found', message: 'No such conversation' } });
    const own = await visitorCommand(socket, 'conversation:sync', { conversationId: sent.data.conversation.id, afterSeq: 0 });
    expect(own.ok && own.data.events.flatMap((e) => (e.type === 'message' ? [e.body] : []))).toEqual(['hola']);
    const list = await agentCommand(intruder, 'conversation:list', { status: 'open' });
    expect(list).toEqual({ ok: true, data: { conversations: [] } });
  });
});

describe('logging out', () => {
  it('ends the live sockets of that session, and the old cookie no longer connects', async () => {
    const cookie = await login(server.url, server.agentEmail, AGENT_PASSWORD);
    const agent = connectAgent(server.url, cookie);
    sockets.push(agent);
    await connected(agent);
    const dropped = nextFact<AgentSocket, string>(agent, 'disconnect');
    const res = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(res.status).toBe(204);
    expect(await dropped).toBe('io server disconnect');

    const again = connectAgent(server.url, cookie);
    sockets.push(again);
    await expect(connected(again)).rejects.toThrow('unauthorized');
  });
});
