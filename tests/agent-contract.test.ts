import { afterEach, describe, expect, it } from 'vitest';
import type { AgentClientEvents, ConversationEvent, RequestOf, ResponseOf, Result } from '@mostrador/shared';
import { createTestServer } from '@mostrador/console/src/state/testServer.ts';
import { summary, visitorMessage } from '@mostrador/console/src/state/testFixtures.ts';
import { agentCommand, connectAgentAs, connectVisitorSession, startTestServer, visitorCommand } from '@mostrador/server/testing';

/**
 * The console's state tests run against an in-memory fake server
 * (console/src/state/testServer.ts). Its resend logic is only as good as that
 * fake's likeness to ours, so the same contract runs here against both: the
 * real server and the fake must pass it alike.
 */
type Command = keyof AgentClientEvents & string;
interface AgentEndpoint {
  conversationId: string;
  request<K extends Command>(name: K, payload: RequestOf<AgentClientEvents, K>): Promise<Result<ResponseOf<AgentClientEvents, K>>>;
  close(): Promise<void>;
}

const endpoints: Record<string, () => Promise<AgentEndpoint>> = {
  'the real server': async () => {
    const server = await startTestServer();
    const agent = await connectAgentAs(server, server.agentEmail);
    const visitor = await connectVisitorSession(server);
    const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: 'contract-first', body: 'hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    return {
      conversationId: sent.data.conversation.id,
      request: (name, payload) => agentCommand(agent, name, payload) as never,
      async close() {
        agent.disconnect();
        visitor.socket.disconnect();
        await server.close();
      },
    };
  },
  'the console’s fake server': async () => {
    const fake = createTestServer([summary({ id: 'conv_a', lastSeq: 1 })], { conv_a: [visitorMessage('conv_a', 1)] });
    fake.connection.setStatus('connected');
    return {
      conversationId: 'conv_a',
      request: (name, payload) => fake.connection.request(name, payload) as never,
      close: async () => undefined,
    };
  },
};

let open: AgentEndpoint | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe.each(Object.keys(endpoints))('the agent contract, against %s', (name) => {
  async function endpoint() {
    open = await endpoints[name]!();
    const page = await open.request('conversation:sync', { conversationId: open.conversationId, afterSeq: 0 });
    if (!page.ok) throw new Error(page.error.message);
    return { agent: open, conversationId: open.conversationId, lastSeq: page.data.conversation.lastSeq };
  }

  async function eventsAfter(agent: AgentEndpoint, afterSeq: number): Promise<ConversationEvent[]> {
    const page = await agent.request('conversation:sync', { conversationId: agent.conversationId, afterSeq });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.data.hasMore).toBe(false);
    return page.data.events;
  }

  it('acks a reply with the stored event, numbered one past the conversation’s last seq', async () => {
    const { agent, conversationId, lastSeq } = await endpoint();
    const sent = await agent.request('message:send', { conversationId, clientId: 'contract-reply-1', body: 'Bon dia' });
    expect(sent).toMatchObject({
      ok: true,
      data: {
        event: {
          type: 'message',
          conversationId,
          seq: lastSeq + 1,
          clientId: 'contract-reply-1',
          body: 'Bon dia',
          author: { kind: 'agent' },
        },
        conversation: { id: conversationId, lastSeq: lastSeq + 1 },
      },
    });
  });

  it('answers a resend of a client id, racing or late, with the original event, and stores it once', async () => {
    const { agent, conversationId, lastSeq } = await endpoint();
    const payload = { conversationId, clientId: 'contract-resend', body: 'Només una' };
    const [a, b] = await Promise.all([agent.request('message:send', payload), agent.request('message:send', payload)]);
    const c = await agent.request('message:send', { ...payload, body: 'changed on resend' });
    if (!a.ok || !b.ok || !c.ok) throw new Error('send failed');
    expect(b.data.event).toEqual(a.data.event);
    expect(c.data.event).toEqual(a.data.event);
    expect((await eventsAfter(agent, lastSeq)).map((e) => e.type === 'message' && e.body)).toEqual(['Només una']);
  });

  it('syncs exactly the events after the seq asked for, in order', async () => {
    const { agent, conversationId, lastSeq } = await endpoint();
    for (const n of [1, 2, 3]) await agent.request('message:send', { conversationId, clientId: `contract-seq-${n}`, body: `m${n}` });
    expect((await eventsAfter(agent, lastSeq + 1)).map((e) => [e.seq, e.type === 'message' && e.body])).toEqual([
      [lastSeq + 2, 'm2'],
      [lastSeq + 3, 'm3'],
    ]);
  });

  it('refuses a missing conversation with not_found and a closed one with conflict, storing nothing', async () => {
    const { agent, conversationId } = await endpoint();
    const missing = await agent.request('message:send', { conversationId: 'cnv_missing', clientId: 'contract-lost', body: 'x' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The refused client id was not stored: its next use is a new message.
    const reused = await agent.request('message:send', { conversationId, clientId: 'contract-lost', body: 'second try' });
    expect(reused).toMatchObject({ ok: true, data: { event: { body: 'second try', conversationId } } });

    const closed = await agent.request('conversation:close', { conversationId });
    if (!closed.ok) throw new Error(closed.error.message);
    const late = await agent.request('message:send', { conversationId, clientId: 'contract-late', body: 'x' });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await eventsAfter(agent, closed.data.event.seq)).toEqual([]);
  });
});
