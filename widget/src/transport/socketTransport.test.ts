import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for socket.io-client's `Manager`, recording how the transport opens the socket. */
const fake = vi.hoisted(() => {
  type Ack = (error: Error | null, result?: unknown) => void;
  const state = {
    url: '',
    managerOptions: {} as Record<string, unknown>,
    namespace: '',
    options: {} as Record<string, unknown>,
    emitted: [] as { event: string; payload: unknown; ack: Ack; timeout?: number }[],
    connectCalls: 0,
  };
  const socket = {
    connected: true,
    active: true,
    on: vi.fn(),
    connect: () => {
      state.connectCalls += 1;
    },
    emit: (event: string, payload: unknown, ack: Ack) => state.emitted.push({ event, payload, ack }),
    timeout: (ms: number) => ({
      emit: (event: string, payload: unknown, ack: Ack) => state.emitted.push({ event, payload, ack, timeout: ms }),
    }),
  };
  class Manager {
    constructor(url: string, options: Record<string, unknown>) {
      state.url = url;
      state.managerOptions = options;
    }
    socket(namespace: string, options: Record<string, unknown>) {
      state.namespace = namespace;
      state.options = options;
      return socket;
    }
  }
  return { state, socket, Manager };
});

vi.mock('socket.io-client', () => ({ Manager: fake.Manager }));

const { createSocketTransport } = await import('./socketTransport.ts');

type AuthCallback = (cb: (data: object) => void) => void;
const handshake = () => {
  let sent: object | undefined;
  (fake.state.options.auth as AuthCallback)((data) => (sent = data));
  return sent;
};

describe('socket transport', () => {
  let token: string | undefined;
  beforeEach(() => {
    fake.state.emitted = [];
    fake.state.connectCalls = 0;
    token = undefined;
  });

  const create = () => createSocketTransport({ serverOrigin: 'https://chat.example.com', siteKey: 'site_1', getToken: () => token });

  it('opens /visitor on the server origin with the agreed path and transports, without connecting yet', () => {
    create();
    expect(fake.state.url).toBe('https://chat.example.com');
    expect(fake.state.namespace).toBe('/visitor');
    expect(fake.state.managerOptions).toMatchObject({ path: '/socket.io', transports: ['websocket'], upgrade: false, autoConnect: false });
    expect(fake.state.connectCalls).toBe(0);
  });

  it('sends the latest token on every handshake, and none on a first visit, and asks for the server’s invitations', () => {
    create();
    expect(handshake()).toEqual({ siteKey: 'site_1', triggers: 'server' });
    token = 'tok-2';
    expect(handshake()).toEqual({ siteKey: 'site_1', triggers: 'server', token: 'tok-2' });
  });

  it('waits 10 s for an ack and turns a timeout into "timeout"', async () => {
    const transport = create();
    const answered = transport.request('conversation:sync', { conversationId: 'cnv_1', afterSeq: 0 });
    const timedOut = transport.request('conversation:close', { conversationId: 'cnv_1' });
    const [sync, close] = fake.state.emitted;
    expect(sync).toMatchObject({ event: 'conversation:sync', timeout: 10_000 });
    sync?.ack(null, { ok: false, error: { code: 'not_found', message: 'gone' } });
    close?.ack(new Error('operation has timed out'));
    await expect(answered).resolves.toEqual({ ok: false, error: { code: 'not_found', message: 'gone' } });
    await expect(timedOut).resolves.toBe('timeout');
  });

  it('sends typing hints with a no-op ack', () => {
    create().notify('typing:set', { typing: true });
    const [sent] = fake.state.emitted;
    expect(sent).toMatchObject({ event: 'typing:set', payload: { typing: true } });
    expect(typeof sent?.ack).toBe('function');
    expect(sent?.timeout).toBeUndefined();
  });

  it('passes on whether Socket.IO will retry, and the refusal code the server sent as the error message', () => {
    fake.socket.on.mockClear();
    const seen: Array<[boolean, string]> = [];
    create().onConnectError((willRetry, reason) => seen.push([willRetry, reason]));
    const [event, listener] = fake.socket.on.mock.calls.find(([name]) => name === 'connect_error')!;
    expect(event).toBe('connect_error');
    fake.socket.active = false;
    (listener as (error: Error) => void)(Object.assign(new Error('origin_not_allowed'), { data: { code: 'origin_not_allowed' } }));
    fake.socket.active = true;
    (listener as (error: Error) => void)(new Error('websocket error'));
    expect(seen).toEqual([
      [false, 'origin_not_allowed'],
      [true, 'websocket error'],
    ]);
  });
});
