import { ORIGIN_NOT_ALLOWED } from '@mostrador/shared/limits';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flush } from '../transport/fakeTransport.ts';
import { REFUSED_RETRY_MS } from './originRefusal.ts';
import { session, setup } from './testSession.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ChatSession on a page whose origin the site does not allow', () => {
  it('says the chat is unavailable and keeps the visitor, instead of starting over without the token', () => {
    const { transport, storage, chat, onUnavailable } = setup();
    storage.update({ token: 'tok-kept' });
    transport.refuse(false, ORIGIN_NOT_ALLOWED);
    expect(chat.view.get().connection).toBe('unavailable');
    expect(onUnavailable).toHaveBeenCalledTimes(1);
    expect(storage.read().token).toBe('tok-kept');
    expect(transport.connectCalls).toBe(1);
  });

  it('asks again slowly, not in a loop, and recovers when a later attempt is let in', async () => {
    const { transport, chat, onUnavailable } = setup();
    transport.refuse(false, ORIGIN_NOT_ALLOWED);
    vi.advanceTimersByTime(REFUSED_RETRY_MS - 1);
    expect(transport.connectCalls).toBe(1);
    vi.advanceTimersByTime(1);
    expect(transport.connectCalls).toBe(2);

    transport.refuse(false, ORIGIN_NOT_ALLOWED);
    expect(chat.view.get().connection).toBe('unavailable');
    expect(onUnavailable).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(REFUSED_RETRY_MS);
    expect(transport.connectCalls).toBe(3);

    // The admin allowed the origin: this attempt gets a session.
    transport.establish(session(null));
    await flush();
    expect(chat.view.get()).toMatchObject({ connection: 'connected', siteName: 'Botiga' });
    vi.advanceTimersByTime(REFUSED_RETRY_MS * 3);
    expect(transport.connectCalls).toBe(3);
  });

  it('keeps a single pending retry however many refusals come in between', () => {
    const { transport } = setup();
    transport.refuse(false, ORIGIN_NOT_ALLOWED);
    transport.connect(); // e.g. the tab came back into view
    transport.refuse(false, ORIGIN_NOT_ALLOWED);
    expect(transport.connectCalls).toBe(2);
    vi.advanceTimersByTime(REFUSED_RETRY_MS);
    expect(transport.connectCalls).toBe(3);
  });
});
