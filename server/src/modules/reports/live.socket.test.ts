import { describe, expect, it } from 'vitest';
import type { LiveFigures } from '@mostrador/shared';
import {
  addAgent,
  AGENT_PASSWORD,
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  visitorCommand,
  type AgentSocket,
} from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

const scope = serverPerTest({}, async (server) => {
  await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
  await addAgent(server, { email: 'jordi@shop.example', name: 'Jordi', capacity: 1 });
});
const { sockets } = scope;

async function agent(email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  return socket;
}

async function away(socket: AgentSocket) {
  expect((await agentCommand(socket, 'presence:set', { status: 'away' })).ok).toBe(true);
}

/** Every `live:changed` a socket hears, and a wait for the first one that matches. */
function heard(socket: AgentSocket) {
  const facts: LiveFigures[] = [];
  const waiters: Array<{ match: (f: LiveFigures) => boolean; resolve: (f: LiveFigures) => void }> = [];
  socket.on('live:changed', (figures: LiveFigures) => {
    facts.push(figures);
    for (const w of waiters.splice(0)) {
      if (w.match(figures)) w.resolve(figures);
      else waiters.push(w);
    }
  });
  return {
    facts,
    until: (match: Partial<LiveFigures>) =>
      new Promise<LiveFigures>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no live:changed with ${JSON.stringify(match)}; heard ${JSON.stringify(facts)}`)),
          5000,
        );
        const matches = (f: LiveFigures) => Object.entries(match).every(([k, v]) => f[k as keyof LiveFigures] === v);
        waiters.push({
          match: matches,
          resolve: (f) => {
            clearTimeout(timer);
            resolve(f);
          },
        });
      }),
  };
}

async function visitorWrites(body: string, department?: string) {
  const visitor = await connectVisitorSession(scope.server);
  sockets.push(visitor.socket);
  const sent = await visitorCommand(visitor.socket, 'message:send', {
    clientId: `msg-${body.padEnd(8, '0')}`,
    body,
    ...(department ? { department } : {}),
  });
  if (!sent.ok) throw new Error(sent.error.message);
  return sent.data.conversation.id;
}

describe('Live now', () => {
  it('an admin hears the figures change as visitors write, agents take chats and go away; others hear nothing', async () => {
    // Marta (a plain agent) is away; the admin too, so only Jordi (one chat at a time) takes chats.
    const marta = await agent(scope.server.agentEmail);
    await away(marta);
    const boss = await agent('boss@shop.example');
    await away(boss);
    // Another shop's admin, watching its own shop.
    const other = await scope.server.app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] });
    await scope.server.app.services.agents.create({
      siteId: other.id,
      email: 'admin@other.example',
      name: 'O',
      role: 'admin',
      password: AGENT_PASSWORD,
    });
    const stranger = await agent('admin@other.example');
    await away(stranger);

    const start = await agentCommand(boss, 'live:watch', {});
    expect(start).toEqual({
      ok: true,
      data: {
        filter: {},
        inProgress: 0,
        queued: 0,
        ticketsOpen: 0,
        ticketsWaiting: 0,
        agentsOnline: 0,
        firstResponseMedianSeconds: null,
        date: expect.any(String),
        timeZone: 'UTC',
      },
    });
    // A plain agent is refused and joins nothing; another shop's admin sees its own shop only.
    const refused = await agentCommand(marta, 'live:watch', {});
    expect(refused.ok === false && refused.error.code).toBe('forbidden');
    expect((await agentCommand(stranger, 'live:watch', {})).ok).toBe(true);
    const live = heard(boss);
    const martaHeard = heard(marta);
    const strangerHeard = heard(stranger);

    const jordi = await agent('jordi@shop.example');
    await live.until({ agentsOnline: 1, inProgress: 0 });
    const first = await visitorWrites('first');
    await live.until({ inProgress: 1, queued: 0, firstResponseMedianSeconds: null });
    expect((await agentCommand(jordi, 'message:send', { conversationId: first, clientId: 'reply-000001', body: 'Hola' })).ok).toBe(true);
    const answered = await live.until({ inProgress: 1 });
    expect(answered.firstResponseMedianSeconds).toEqual(expect.any(Number));
    // Jordi is full: the next visitor waits in the queue, until the admin takes the chat.
    const second = await visitorWrites('second');
    await live.until({ inProgress: 1, queued: 1 });
    expect((await agentCommand(boss, 'conversation:take', { conversationId: second })).ok).toBe(true);
    await live.until({ inProgress: 2, queued: 0 });
    await away(jordi);
    await live.until({ agentsOnline: 0, inProgress: 2 });

    // Changes are folded: fewer facts than changes, never two within the debounce.
    expect(live.facts.length).toBeLessThanOrEqual(6);
    expect(martaHeard.facts).toEqual([]);
    expect(strangerHeard.facts).toEqual([]);
    expect(await agentCommand(boss, 'live:unwatch', {})).toEqual({ ok: true, data: null });
  });
});

describe('Live now, filtered', () => {
  it('follows each admin’s own filter, counts tickets, and never shows another shop’s figures whatever the filter names', async () => {
    const siteId = scope.server.app.services.sites.byKey(scope.server.siteKey)!.id;
    const created = await scope.server.app.services.departments.create(siteId, { slug: 'shoes', name: 'Shoes', routing: 'auto' });
    if (!created.ok) throw new Error(created.error.message);
    const shoes = created.data.id;
    const saraId = await addAgent(scope.server, { email: 'sara@shop.example', name: 'Sara', departmentIds: [shoes] });
    // Nobody answers at first: what visitors write becomes tickets.
    const marta = await agent(scope.server.agentEmail);
    await away(marta);
    const boss = await agent('boss@shop.example');
    await away(boss);
    const desk = await agent('boss@shop.example');
    const other = await scope.server.app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] });
    await scope.server.app.services.agents.create({
      siteId: other.id,
      email: 'admin@other.example',
      name: 'O',
      role: 'admin',
      password: AGENT_PASSWORD,
    });
    const stranger = await agent('admin@other.example');
    await away(stranger);

    const shoesOnly = await agentCommand(boss, 'live:watch', { filter: { departmentId: shoes } });
    expect(shoesOnly).toMatchObject({ ok: true, data: { filter: { departmentId: shoes }, ticketsOpen: 0, agentsOnline: 0 } });
    expect(await agentCommand(desk, 'live:watch', {})).toMatchObject({ ok: true, data: { filter: {} } });
    // Another shop's admin naming this shop's department: the site is the session's, so nothing is found.
    expect(await agentCommand(stranger, 'live:watch', { filter: { departmentId: shoes } })).toMatchObject({
      ok: true,
      data: { filter: { departmentId: shoes }, inProgress: 0, queued: 0, ticketsOpen: 0, agentsOnline: 0 },
    });
    const shoesHeard = heard(boss);
    const siteHeard = heard(desk);
    const strangerHeard = heard(stranger);

    await visitorWrites('shoes-ticket', 'shoes');
    await shoesHeard.until({ ticketsOpen: 1, ticketsWaiting: 1 });
    await siteHeard.until({ ticketsOpen: 1, ticketsWaiting: 1 });
    await visitorWrites('site-ticket');
    await siteHeard.until({ ticketsOpen: 2, ticketsWaiting: 2 });

    // Sara (shoes) comes online and takes the next shoes chat: the department's figures and the site's both show it.
    await agent('sara@shop.example');
    await shoesHeard.until({ agentsOnline: 1 });
    await visitorWrites('shoes-chat', 'shoes');
    await shoesHeard.until({ inProgress: 1, agentsOnline: 1 });
    await siteHeard.until({ inProgress: 1 });
    // Jordi (no department) online: the site's agents, not the department's.
    const jordi = await agent('jordi@shop.example');
    await siteHeard.until({ agentsOnline: 2 });
    await visitorWrites('site-chat');
    await siteHeard.until({ inProgress: 2 });

    // Each socket heard only its own filter's figures; the department's never counted the site-wide chat or Jordi.
    expect(shoesHeard.facts.every((f) => f.filter.departmentId === shoes && f.agentsOnline <= 1 && f.inProgress <= 1)).toBe(true);
    expect(siteHeard.facts.every((f) => f.filter.departmentId === undefined)).toBe(true);
    expect(strangerHeard.facts).toEqual([]);

    // Watching again with another filter replaces the socket's filter: Sara's chats, the whole queue (a queued chat has no agent).
    const onlySara = await agentCommand(desk, 'live:watch', { filter: { agentId: saraId } });
    expect(onlySara).toMatchObject({ ok: true, data: { filter: { agentId: saraId }, inProgress: 1, agentsOnline: 1 } });
    const switched = siteHeard.facts.length;
    await away(jordi);
    await visitorWrites('sara-chat', 'shoes');
    await siteHeard.until({ inProgress: 2, agentsOnline: 1 });
    expect(siteHeard.facts.slice(switched).every((f) => f.filter.agentId === saraId)).toBe(true);
  });
});
