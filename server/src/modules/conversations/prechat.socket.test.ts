import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactChanged, PreChatMode, SessionEstablished } from '@mostrador/shared';
import {
  agentCommand,
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
import { identityHash } from '../visitors/index.ts';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

const site = () => server.app.services.sites.byKey(server.siteKey)!;
const askBeforeChat = (preChat: PreChatMode) => server.app.services.sites.update(site().id, { preChat });

async function visitorSession() {
  const socket = connectVisitor(server.url, { siteKey: server.siteKey });
  sockets.push(socket);
  const session = nextFact<VisitorSocket, SessionEstablished>(socket, 'session:established');
  await connected(socket);
  return { socket, session: await session };
}

/** The visitor's log as the server keeps it: the bodies of the open conversation's messages. */
async function bodiesOf(socket: VisitorSocket, visitorId: string): Promise<string[]> {
  const open = await server.app.services.conversations.openForVisitor(site().id, visitorId);
  if (!open) return [];
  const page = await visitorCommand(socket, 'conversation:sync', { conversationId: open.id, afterSeq: 0 });
  if (!page.ok) throw new Error(page.error.message);
  return page.data.events.flatMap((event) => (event.type === 'message' ? [event.body] : []));
}

describe('the pre-chat form', () => {
  it('tells the widget what to ask, and is off by default: a first message goes through as before', async () => {
    const { socket, session } = await visitorSession();
    expect(session.site.preChat).toBe('off');
    const sent = await visitorCommand(socket, 'message:send', { clientId: 'prechat-off-1', body: 'Hola' });
    expect(sent.ok).toBe(true);
    expect(await bodiesOf(socket, session.visitorId)).toEqual(['Hola']);
  });

  it('refuses a first message without an email and stores nothing; once the email is saved, the message goes through', async () => {
    await askBeforeChat('email');
    const { socket, session } = await visitorSession();
    expect(session.site.preChat).toBe('email');

    const refused = await visitorCommand(socket, 'message:send', { clientId: 'prechat-email-1', body: 'Teniu la talla 42?' });
    expect(refused.ok ? null : refused.error.code).toBe('contact_required');
    expect(await server.app.services.conversations.openForVisitor(site().id, session.visitorId)).toBeUndefined();

    // A second tab of the same visitor learns the contact, so its form stops asking too.
    const otherTab = connectVisitor(server.url, { siteKey: server.siteKey, token: session.token });
    sockets.push(otherTab);
    await connected(otherTab);
    const told = nextFact<VisitorSocket, ContactChanged>(otherTab, 'contact:changed');
    const saved = await visitorCommand(socket, 'visitor:contact', { email: 'anna@example.com' });
    expect(saved.ok).toBe(true);
    expect(await told).toEqual({ contact: { email: 'anna@example.com', name: null } });
    const sent = await visitorCommand(socket, 'message:send', { clientId: 'prechat-email-2', body: 'I la 43?' });
    expect(sent.ok).toBe(true);
    // Only the accepted message is in the log: the refused one left no trace.
    expect(await bodiesOf(socket, session.visitorId)).toEqual(['I la 43?']);
  });

  it('asks for the name as well when the site wants both: an email alone is not enough', async () => {
    await askBeforeChat('name_email');
    const { socket, session } = await visitorSession();
    await visitorCommand(socket, 'visitor:contact', { email: 'anna@example.com' });
    const refused = await visitorCommand(socket, 'message:send', { clientId: 'prechat-both-1', body: 'Hola' });
    expect(refused.ok ? null : refused.error.code).toBe('contact_required');
    expect(await server.app.services.conversations.openForVisitor(site().id, session.visitorId)).toBeUndefined();

    await visitorCommand(socket, 'visitor:contact', { email: 'anna@example.com', name: 'Anna' });
    const sent = await visitorCommand(socket, 'message:send', { clientId: 'prechat-both-2', body: 'Hola de nou' });
    expect(sent.ok).toBe(true);
    expect(await bodiesOf(socket, session.visitorId)).toEqual(['Hola de nou']);
  });

  it('lets a verified customer with a name and an email through without asking, and tells the widget so', async () => {
    await askBeforeChat('name_email');
    const { socket, session } = await visitorSession();
    const told = nextFact<VisitorSocket, ContactChanged>(socket, 'contact:changed');
    const identified = await visitorCommand(socket, 'visitor:identify', {
      id: 'cust-9',
      name: 'Núria Vidal',
      email: 'nuria@example.cat',
      hash: identityHash((await server.app.services.sites.withIdentitySecret(site())).identitySecret, 'cust-9'),
    });
    expect(identified.ok).toBe(true);
    expect(await told).toEqual({ contact: { email: 'nuria@example.cat', name: 'Núria Vidal' } });
    const sent = await visitorCommand(socket, 'message:send', { clientId: 'verified-1', body: 'Hola' });
    expect(sent.ok).toBe(true);
    expect(await bodiesOf(socket, session.visitorId)).toEqual(['Hola']);
  });

  it('does not take an unverified identify as the answer', async () => {
    await askBeforeChat('email');
    const { socket, session } = await visitorSession();
    const identified = await visitorCommand(socket, 'visitor:identify', { id: 'cust-10', email: 'who@example.com' });
    expect(identified.ok).toBe(true);
    const refused = await visitorCommand(socket, 'message:send', { clientId: 'unverified-1', body: 'Hola' });
    expect(refused.ok ? null : refused.error.code).toBe('contact_required');
    expect(await server.app.services.conversations.openForVisitor(site().id, session.visitorId)).toBeUndefined();
  });

  it('guards only the first message: a shopper answering a chat an agent started is not asked', async () => {
    await askBeforeChat('email');
    const { socket, session } = await visitorSession();
    const marta = await connectAgentAs(server, server.agentEmail);
    sockets.push(marta);
    const started = await agentCommand(marta, 'conversation:start', {
      visitorId: session.visitorId,
      clientId: 'prechat-proactive-1',
      body: 'Hola! Et puc ajudar?',
    });
    expect(started.ok).toBe(true);
    const reply = await visitorCommand(socket, 'message:send', { clientId: 'prechat-reply-1', body: 'Sí, busco unes botes' });
    expect(reply.ok).toBe(true);
    expect(await bodiesOf(socket, session.visitorId)).toEqual(['Hola! Et puc ajudar?', 'Sí, busco unes botes']);
  });
});
