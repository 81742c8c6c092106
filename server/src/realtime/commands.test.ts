import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fail, ok, type Command, type CommandSchemas, type Result } from '@mostrador/shared';
import { registerCommands } from './commands.ts';

interface Events {
  'echo:send': Command<{ text: string }, { text: string }>;
}
const schemas = {
  'echo:send': { request: z.object({ text: z.string().max(5) }), response: z.object({ text: z.string() }) },
} satisfies CommandSchemas<Events>;

function setUp(handler: (p: { text: string }) => Result<{ text: string }>) {
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
  );
  const send = (payload: unknown) =>
    new Promise<Result<unknown>>((resolve) => socket.emit('echo:send', payload, resolve));
  return { socket, calls, send, logged };
}

describe('registerCommands', () => {
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
