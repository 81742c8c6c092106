import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { identityHash } from './identity-hash.ts';

let server: TestServer;
let secret: string;
const sockets: Array<VisitorSocket | AgentSocket> = [];

const newVisitor = (token?: string) => connectVisitorSession(server, token);

beforeEach(async () => {
  server = await startTestServer();
  const site = server.app.services.sites.byKey(server.siteKey)!;
  secret = site.identitySecret;
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

describe('verified identity', () => {
  it('links a customer’s devices with a valid hash, so the agent sees earlier conversations as verified', async () => {
    const laptop = await newVisitor();
    const claim = { id: 'cust-1001', name: 'Núria Vidal', email: 'Nuria@example.cat', hash: identityHash(secret, 'cust-1001') };
    const first = await visitorCommand(laptop.socket, 'visitor:identify', claim);
    expect(first).toEqual({
      ok: true,
      data: { identity: { customerId: 'cust-1001', name: 'Núria Vidal', email: 'nuria@example.cat', verified: true } },
    });
    await visitorCommand(laptop.socket, 'message:send', { clientId: 'c-laptop-1', body: 'On és la meva comanda?' });

    const phone = await newVisitor();
    expect(phone.visitorId).not.toBe(laptop.visitorId);
    await visitorCommand(phone.socket, 'visitor:identify', claim);
    const marta = await connectAgentAs(server, server.agentEmail);
    sockets.push(marta);
    const profile = await agentCommand(marta, 'visitor:follow', { visitorId: phone.visitorId });
    expect(profile.ok && profile.data.identity.verified).toBe(true);
    expect(profile.ok && profile.data.conversations.map((c) => c.lastMessage?.body)).toEqual(['On és la meva comanda?']);
  });

  it('keeps an unsigned claim apart: unverified, never merged into the customer', async () => {
    const owner = await newVisitor();
    await visitorCommand(owner.socket, 'visitor:identify', { id: 'cust-7', hash: identityHash(secret, 'cust-7') });
    await visitorCommand(owner.socket, 'message:send', { clientId: 'c-owner-01', body: 'Private order question' });

    const forger = await newVisitor();
    const forged = await visitorCommand(forger.socket, 'visitor:identify', {
      id: 'cust-7',
      name: 'Impostor',
      hash: identityHash('guessed-secret', 'cust-7'),
    });
    expect(forged).toEqual({
      ok: true,
      data: { identity: { customerId: null, name: 'Impostor', email: null, verified: false } },
    });
    const marta = await connectAgentAs(server, server.agentEmail);
    sockets.push(marta);
    const profile = await agentCommand(marta, 'visitor:follow', { visitorId: forger.visitorId });
    expect(profile.ok && profile.data.identity).toEqual({ customerId: null, name: 'Impostor', email: null, verified: false });
    expect(profile.ok && profile.data.conversations).toEqual([]);
  });

  it('keeps a verified customer when the same visitor later sends an unsigned claim', async () => {
    const visitor = await newVisitor();
    const verified = { customerId: 'cust-7', name: 'Núria', email: null, verified: true };
    await visitorCommand(visitor.socket, 'visitor:identify', { id: 'cust-7', name: 'Núria', hash: identityHash(secret, 'cust-7') });
    const unsigned = await visitorCommand(visitor.socket, 'visitor:identify', { id: 'cust-8', name: 'Impostor', email: 'x@evil.example' });
    expect(unsigned).toEqual({ ok: true, data: { identity: verified } });

    const marta = await connectAgentAs(server, server.agentEmail);
    sockets.push(marta);
    const profile = await agentCommand(marta, 'visitor:follow', { visitorId: visitor.visitorId });
    expect(profile.ok && profile.data.identity).toEqual(verified);
    // Reconnecting with the same token finds the same verified customer.
    const again = await newVisitor(visitor.token);
    expect(again.visitorId).toBe(visitor.visitorId);
    const after = await agentCommand(marta, 'visitor:follow', { visitorId: visitor.visitorId });
    expect(after.ok && after.data.identity).toEqual(verified);
  });

  it('refuses identify without a valid hash when the site enforces it', async () => {
    const site = server.app.services.sites.byKey(server.siteKey)!;
    await server.app.services.sites.update(site.id, { identityEnforced: true });
    const visitor = await newVisitor();
    const forged = await visitorCommand(visitor.socket, 'visitor:identify', { id: 'cust-7', hash: 'ab'.repeat(32) });
    expect(forged).toMatchObject({ ok: false, error: { code: 'identity_refused' } });
    const unsigned = await visitorCommand(visitor.socket, 'visitor:identify', { id: 'cust-7', name: 'Someone' });
    expect(unsigned).toMatchObject({ ok: false, error: { code: 'identity_refused' } });
    const signed = await visitorCommand(visitor.socket, 'visitor:identify', { id: 'cust-7', hash: identityHash(secret, 'cust-7') });
    expect(signed.ok && signed.data.identity.verified).toBe(true);
  });

  it('stops verifying hashes signed with a rotated secret', async () => {
    const site = server.app.services.sites.byKey(server.siteKey)!;
    const oldHash = identityHash(secret, 'cust-9');
    await server.app.services.sites.rotateIdentitySecret(site.id);
    const visitor = await newVisitor();
    const result = await visitorCommand(visitor.socket, 'visitor:identify', { id: 'cust-9', hash: oldHash });
    expect(result.ok && result.data.identity.verified).toBe(false);
  });
});
