import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flush } from '../transport/fakeTransport.ts';
import { conversation } from './testEvents.ts';
import { session, setup, visitorMessage } from './testSession.ts';

const slowDown = (retryAfterMs: number) =>
  ({ ok: false, error: { code: 'rate_limited', message: 'Too many requests, slow down', retryAfterMs } }) as const;

describe('ChatSession under the server’s limits', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps a rate-limited message queued, tells the shopper, and sends it (and the next) once the wait is over', async () => {
    const { transport, chat } = setup();
    transport.establish(session(null));
    await flush();
    chat.send('one');
    chat.send('two');

    transport.take('message:send').reply(slowDown(1_500));
    await flush();
    expect(chat.view.get().pending.map((p) => [p.body, p.status])).toEqual([
      ['one', 'sending'],
      ['two', 'sending'],
    ]);
    expect(chat.view.get().throttled).toBe(true);
    expect(transport.pending('message:send')).toHaveLength(0);

    vi.advanceTimersByTime(1_499);
    await flush();
    expect(transport.pending('message:send')).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await flush();
    const again = transport.take('message:send');
    expect(again.payload).toEqual({ clientId: 'client-id-1', body: 'one' });
    again.reply({ ok: true, data: { event: visitorMessage(1, 'client-id-1', 'one'), conversation: conversation({ lastSeq: 1 }) } });
    await flush();
    expect(chat.view.get().throttled).toBe(false);
    expect(transport.take('message:send').payload).toEqual({ clientId: 'client-id-2', body: 'two' });
  });

  it('connects again after the wait when the server refuses a new visitor for its address', () => {
    const { transport } = setup();
    transport.refuse(false, 'rate_limited', 2_000);
    expect(transport.connectCalls).toBe(1);
    vi.advanceTimersByTime(2_000);
    expect(transport.connectCalls).toBe(2);
  });
});
