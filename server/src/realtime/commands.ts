import { z } from 'zod';
import { fail, rateLimited, type CommandSchemas, type RequestOf, type ResponseOf, type Result } from '@mostrador/shared';
import { TokenBucket, type Rate } from './token-bucket.ts';

export type CommandHandlers<Events> = {
  [K in keyof Events]: (payload: RequestOf<Events, K>) => Result<ResponseOf<Events, K>> | Promise<Result<ResponseOf<Events, K>>>;
};

/** Where failures are written; Fastify's logger fits. */
export interface ErrorLog {
  error(details: object, message: string): void;
}

/** For each command, the bucket its events spend (none: unlimited). Called once per command when a socket connects. */
export type CommandBudget = (command: string) => TokenBucket | undefined;

/**
 * A socket's own budgets, made when it connects: a bucket for each command
 * named in `rates`, one shared bucket for every other command.
 */
export function socketBudget(rates: Record<string, Rate>, others: Rate, now = Date.now()): CommandBudget {
  const shared = new TokenBucket(others, now);
  const own = new Map(Object.entries(rates).map(([command, rate]) => [command, new TokenBucket(rate, now)]));
  return (command) => own.get(command) ?? shared;
}

/** The part of a Socket.IO socket this module needs; typed sockets satisfy it. */
interface ListeningSocket {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Registers one listener per command of the contract. Each listener
 * validates the payload against its schema before anything else, always
 * answers through the ack, and never lets an exception cross the wire.
 * With a budget, an event over it is answered `rate_limited` before even
 * its payload is read.
 */
export function registerCommands<Events>(
  socket: ListeningSocket,
  schemas: CommandSchemas<Events>,
  handlers: CommandHandlers<Events>,
  log: ErrorLog,
  budget?: CommandBudget,
): void {
  for (const name of Object.keys(schemas) as Array<keyof Events & string>) {
    const { request } = schemas[name] as { request: z.ZodType };
    const handle = handlers[name] as (payload: unknown) => Result<unknown> | Promise<Result<unknown>>;
    const bucket = budget?.(name);
    socket.on(name, async (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (result: Result<unknown>) => void;
      const wait = bucket ? bucket.take(Date.now()) : 0;
      if (wait > 0) {
        reply(rateLimited(wait));
        return;
      }
      const parsed = request.safeParse(payload);
      if (!parsed.success) {
        reply(fail('invalid_payload', z.prettifyError(parsed.error)));
        return;
      }
      try {
        reply(await handle(parsed.data));
      } catch (err) {
        log.error({ err, command: name }, 'socket command failed');
        reply(fail('internal', 'Internal error'));
      }
    });
  }
}
