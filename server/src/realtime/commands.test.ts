import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fail, ok, type Command, type CommandSchemas, type Result } from '@mostrador/shared';
import { registerCommands } from './commands.ts';
import { TokenBucket } from './token-bucket.ts';

interface Events {
  'echo:send': Command<{ text: string }, { text: string }>;
}
const schemas = {
  'echo:send': { request: z.object({ text: z.string().max(5) }), response: z.object({ text: z.string() }) },
} satisfies CommandSchemas<Events>;

function setUp(handler: (p: { text: string }) => Result<{ text: string }>, bucket?: TokenBucket) {
  const socket = new EventEmitter();
  const calls: Array<{ text: string }> = [];
  const logged: string[] = [];
  registerCommands<Events>(
    socket,
    schemas,
    {
      'echo:send': (payload) => {
        calls.push(payload);
        return handler(payload);
      },
    },
    { error: (_details, message) => logged.push(message) },
    bucket && ((name) => (name === 'echo:send' ? bucket : undefined)),
  );
  const send = (payload: unknown) => new Promise<Result<unknown>>((resolve) => socket.emit('echo:send', payload, resolve));
  return { socket, calls, send, logged };
}

describe('registerCommands', () => {
  it('answers rate_limited past the budget, before reading the payload or calling the handler', async () => {
    const { send, calls } = setUp((p) => ok(p), new TokenBucket({ burst: 2, perSecond: 0.001 }, Date.now()));
    expect(await send({ text: 'a' })).toMatchObject({ ok: true });
    expect(await send('not even valid')).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const refused = await send({ text: 'c' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(refused.ok ? 0 : refused.error.retryAfterMs).toBeGreaterThan(0);
    expect(await send('still not valid')).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(calls).toEqual([{ text: 'a' }]);
  });

  it('passes a valid payload to the handler and acks its result', async () => {
    const { send } = setUp((p) => ok({ text: p.text.toUpperCase() }));
    expect(await send({ text: 'hola' })).toEqual({ ok: true, data: { text: 'HOLA' } });
  });

  it('answers an invalid payload without calling the handler', async () => {
    const { send, calls } = setUp((p) => ok(p));
    const result = await send({ text: 'far too long' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(calls).toEqual([]);
  });

  it('turns a thrown error into an internal error ack, never an exception on the wire', async () => {
    const { send, logged } = setUp(() => {
      throw new Error('database on fire');
    });
    expect(await send({ text: 'x' })).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error' } });
    expect(logged).toEqual(['socket command failed']);
  });

  it('relays a handler’s refusal as it is', async () => {
    const { send } = setUp(() => fail('conflict', 'nope'));
    expect(await send({ text: 'x' })).toEqual({ ok: false, error: { code: 'conflict', message: 'nope' } });
  });

  it('ignores a command sent without an ack', async () => {
    const { socket, calls } = setUp((p) => ok(p));
    socket.emit('echo:send', { text: 'x' });
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([]);
  });
});
