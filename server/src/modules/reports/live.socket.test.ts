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

async function visitorWrites(body: string) {
  const visitor = await connectVisitorSession(scope.server);
  sockets.push(visitor.socket);
  const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: `msg-${body.padEnd(8, '0')}`, body });
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
      data: { inProgress: 0, queued: 0, agentsOnline: 0, firstResponseMedianSeconds: null, date: expect.any(String), timeZone: 'UTC' },
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
