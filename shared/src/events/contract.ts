import type { z } from 'zod';
import type { Ack } from '../result.ts';

/**
 * The shape of a client command: a payload and an acknowledgement.
 * Server facts are plain listeners with one payload.
 */
export type Command<Req, Res> = (payload: Req, ack: Ack<Res>) => void;
export type Fact<Payload> = (payload: Payload) => void;

/**
 * For an event map, the zod schemas that must stand beside it. Used with
 * `satisfies`, it turns a missing or mismatched schema into a build error.
 */
export type CommandSchemas<Events> = {
  [K in keyof Events]: Events[K] extends Command<infer Req, infer Res>
    ? { request: z.ZodType<Req, unknown>; response: z.ZodType<Res, unknown> }
    : never;
};

export type FactSchemas<Events> = {
  [K in keyof Events]: Events[K] extends Fact<infer Payload> ? z.ZodType<Payload, unknown> : never;
};

export type RequestOf<Events, K extends keyof Events> = Events[K] extends Command<infer Req, infer _Res> ? Req : never;
export type ResponseOf<Events, K extends keyof Events> = Events[K] extends Command<infer _Req, infer Res> ? Res : never;
