import { describe, expect, it, vi } from 'vitest';
import type { AgentClientEvents, ResponseOf } from '@mostrador/shared';
import type { CommandResult } from '../api/agentConnection.ts';
import { InboxController } from './inboxController.ts';
import { summary, me, visitorMessage } from './testFixtures.ts';
import { createTestServer, flushPromises as flush } from './testServer.ts';

type SendResult = CommandResult<ResponseOf<AgentClientEvents, 'message:send'>>;

/**
 * The console's outbox against the fake server, which keeps the server's
 * contract (tests/agent-contract.test.ts): a resend of a client id is stored once.
 * Each test decides, per attempt, when and how the server answers.
 */
function inbox() {
  const server = createTestServer([summary({ id: 'conv_a', lastSeq: 1 })], { conv_a: [visitorMessage('conv_a', 1)] });
  const answers: Array<(deliver: (result: SendResult) => void, payload: Parameters<typeof server.sendMessage>[0]) => void> = [];
  const pending: Array<() => void> = [];
  server.connection.handle(
    'message:send',
    (payload) =>
      new Promise<SendResult>((resolve) => {
        const answer = answers.shift() ?? ((deliver) => deliver(server.sendMessage(payload)));
        pending.push(() => answer(resolve, payload));
      }),
  );
  const controller = new InboxController({ connection: server.connection, me, onSessionEnded: vi.fn() });
  server.connection.setStatus('connected');
  const outbox = () => controller.store.get().outbox;
  const messagesIn = () => server.logs.conv_a!.filter((e) => e.type === 'message').map((e) => e.type === 'message' && e.body);
  /** Lets the oldest attempt the server holds get its answer. */
  const answerNext = async () => {
    pending.shift()?.();
    await flush();
  };
  return { server, controller, answers, outbox, messagesIn, answerNext, pending };
}

const timeout = { ok: false, error: { code: 'timeout', message: 'No answer in time' } } as const;

describe('the outbox', () => {
  it('keeps a reply whose answer was lost as queued, not failed, and its resend is stored once', async () => {
    const { server, controller, answers, outbox, messagesIn, answerNext } = inbox();
    await flush();
    // The server stores the reply, but the ack never comes back.
    answers.push((deliver, payload) => {
      server.sendMessage(payload);
      deliver(timeout);
    });
    controller.send('conv_a', 'Hola!');
    await flush();
    expect(outbox()).toMatchObject([{ state: 'sending', body: 'Hola!' }]);
    await answerNext();
    expect(outbox()).toMatchObject([{ state: 'queued', body: 'Hola!' }]);

    // The reconnect resends it with the same client id; the server answers with what it stored.
    const { clientId } = outbox()[0]!;
    server.connection.setStatus('disconnected');
    server.connection.setStatus('connected');
    await flush();
    await answerNext();
    expect((server.connection.sentOf('message:send') as Array<{ clientId: string }>).map((s) => s.clientId)).toEqual([clientId, clientId]);
    expect(outbox()).toEqual([]);
    expect(messagesIn()).toEqual(['visitor 1', 'Hola!']);
    expect(controller.store.get().logs.conv_a?.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('carries a reply’s "don’t email" to the server, and keeps it on a resend', async () => {
    const { server, controller, answers, outbox, answerNext } = inbox();
    await flush();
    answers.push((deliver) => deliver(timeout));
    controller.send('conv_a', 'Només per al xat', true);
    controller.send('conv_a', 'Aquest sí');
    await flush();
    await answerNext();
    await answerNext();
    server.connection.setStatus('disconnected');
    server.connection.setStatus('connected');
    await flush();
    await answerNext();
    const sent = server.connection.sentOf('message:send') as Array<{ body: string; noEmail?: boolean }>;
    expect(sent.map((s) => [s.body, s.noEmail])).toEqual([
      ['Només per al xat', true],
      ['Aquest sí', undefined],
      ['Només per al xat', true],
    ]);
    expect(outbox()).toEqual([]);
  });

  it('marks a reply the server refused as failed, and does not resend it on reconnect', async () => {
    const { server, controller, answers, outbox, messagesIn, answerNext } = inbox();
    await flush();
    answers.push((deliver) => deliver({ ok: false, error: { code: 'conflict', message: 'The conversation is closed' } }));
    controller.send('conv_a', 'Too late');
    await flush();
    await answerNext();
    expect(outbox()).toMatchObject([{ state: 'failed', body: 'Too late' }]);
    server.connection.setStatus('disconnected');
    server.connection.setStatus('connected');
    await flush();
    expect(server.connection.sentOf('message:send')).toHaveLength(1);
    expect(messagesIn()).toEqual(['visitor 1']);
  });

  it('lets a stale attempt’s late failure leave the newer attempt alone', async () => {
    const { controller, answers, outbox, messagesIn, answerNext, pending } = inbox();
    await flush();
    answers.push((deliver) => deliver(timeout));
    controller.send('conv_a', 'Are you there?');
    await flush();
    const { clientId } = outbox()[0]!;
    // The agent retries while the first attempt still waits for its answer.
    controller.retry(clientId);
    await flush();
    expect(pending).toHaveLength(2);
    // The first attempt times out now: the second is still in flight, so the reply stays "sending".
    await answerNext();
    expect(outbox()).toMatchObject([{ clientId, state: 'sending' }]);
    await answerNext();
    expect(outbox()).toEqual([]);
    expect(messagesIn()).toEqual(['visitor 1', 'Are you there?']);
  });

  it('queues a reply written while offline, without trying to send it', async () => {
    const { server, controller, outbox } = inbox();
    await flush();
    server.connection.setStatus('disconnected');
    controller.send('conv_a', 'Offline');
    await flush();
    expect(outbox()).toMatchObject([{ state: 'queued', body: 'Offline' }]);
    expect(server.connection.sentOf('message:send')).toEqual([]);
  });

  it('sends a product card as its page only (the server builds the card), and shows the picked card while it goes', async () => {
    const { server, controller, answers, outbox, answerNext } = inbox();
    await flush();
    answers.push((deliver) => deliver(timeout));
    const card = { name: 'Cap', url: 'https://shop.example/p/cap', price: 15, currency: 'EUR', image: null, sku: null };
    controller.send('conv_a', 'Aquesta', false, [], card);
    await flush();
    await answerNext();
    expect(outbox()).toMatchObject([{ state: 'queued', body: 'Aquesta', product: card }]);
    expect(server.connection.sentOf('message:send')).toMatchObject([{ body: 'Aquesta', product: { url: card.url } }]);
    expect((server.connection.sentOf('message:send')[0] as { product: object }).product).toEqual({ url: card.url });
  });
});
