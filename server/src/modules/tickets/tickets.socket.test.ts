import { afterEach, describe, expect, it } from 'vitest';
import type { BusinessHours, SessionEstablished, VisitorConversationChanged } from '@mostrador/shared';
import {
  addAgent,
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

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

async function visitorSession(token?: string) {
  const socket = connectVisitor(server.url, { siteKey: server.siteKey, ...(token ? { token } : {}) });
  sockets.push(socket);
  const session = nextFact<VisitorSocket, SessionEstablished>(socket, 'session:established');
  await connected(socket);
  return { socket, session: await session };
}

/** Every day, all day, except a closure around now: closed now, whatever the day or zone. */
function closedNow(): BusinessHours {
  const now = Date.now();
  return {
    timeZone: 'Europe/Madrid',
    weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, from: '00:00', to: '24:00' })),
    holidays: [],
    closures: [{ from: now - 3_600_000, to: now + 3_600_000 }],
  };
}

const siteIdOf = () => server.app.services.sites.byKey(server.siteKey)!.id;

describe('outside business hours', () => {
  it('tells the widget the hours, makes the message a ticket nobody is assigned, keeps the email, and routes it once open', async () => {
    server = await startTestServer();
    const siteId = siteIdOf();
    sockets.push(await connectAgentAs(server, server.agentEmail));
    const hours = closedNow();
    expect((await server.app.services.hours.replace(siteId, { site: hours, departments: [] })).ok).toBe(true);

    const { socket, session } = await visitorSession();
    expect(session.site.hours).toEqual({ site: hours, departments: {} });
    expect(session.contact).toBeNull();

    const sent = await visitorCommand(socket, 'message:send', { clientId: 'after-hours-1', body: 'Teniu la talla 42?' });
    if (!sent.ok) throw new Error(sent.error.message);
    // An agent is online, but the shop is closed: a ticket, waiting for an agent, not a live chat handed out.
    expect(sent.data.conversation.agents).toEqual([]);
    const row = (await server.app.services.conversations.openForVisitor(siteId, session.visitorId))!;
    expect(row.ticketSince).not.toBeNull();
    expect(row.assigneeId).toBeNull();

    const refused = await visitorCommand(socket, 'visitor:contact', { email: 'not an email' });
    expect(refused.ok ? null : refused.error.code).toBe('invalid_payload');
    const saved = await visitorCommand(socket, 'visitor:contact', { email: 'anna@example.com', name: 'Anna' });
    expect(saved).toEqual({ ok: true, data: { email: 'anna@example.com', name: 'Anna' } });
    // Never asked again: the next session carries it.
    const again = await visitorSession(session.token);
    expect(again.session.contact).toEqual({ email: 'anna@example.com', name: 'Anna' });

    // The shop opens: routing hands the ticket to the online agent.
    const joined = nextFact<VisitorSocket, VisitorConversationChanged>(again.socket, 'conversation:changed');
    expect((await server.app.services.hours.replace(siteId, { site: null, departments: [] })).ok).toBe(true);
    const change = await joined;
    expect(change.event.type).toBe('joined');
    expect(change.conversation.agents).toEqual([{ name: 'Marta' }]);
  });

  it('lets a ticket weigh less than a live chat: an agent with room for one chat takes two tickets, then no live chat', async () => {
    server = await startTestServer({ ticketWeight: 0.5 });
    const siteId = siteIdOf();
    await addAgent(server, { email: 'solo@shop.example', name: 'Solo', capacity: 1 });
    sockets.push(await connectAgentAs(server, 'solo@shop.example'));
    await server.app.services.hours.replace(siteId, { site: closedNow(), departments: [] });

    const tickets = [await visitorSession(), await visitorSession()];
    for (const [i, { socket }] of tickets.entries()) {
      const sent = await visitorCommand(socket, 'message:send', { clientId: `ticket-${i}-xx`, body: 'hola' });
      expect(sent.ok && sent.data.conversation.agents).toEqual([]);
    }
    const joined = tickets.map(({ socket }) => nextFact<VisitorSocket, VisitorConversationChanged>(socket, 'conversation:changed'));
    await server.app.services.hours.replace(siteId, { site: null, departments: [] });
    for (const change of await Promise.all(joined)) expect(change.conversation.agents).toEqual([{ name: 'Solo' }]);

    // Two tickets at one half each fill Solo's one slot: a live chat now waits in line.
    const live = await visitorSession();
    const sent = await visitorCommand(live.socket, 'message:send', { clientId: 'live-chat-1', body: 'hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.conversation.agents).toEqual([]);
    expect(sent.data.conversation.queue).toMatchObject({ position: 1, allBusy: true });
    expect((await server.app.services.conversations.openForVisitor(siteId, live.session.visitorId))!.ticketSince).toBeNull();
  });
});
