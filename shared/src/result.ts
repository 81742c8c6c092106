import { z } from 'zod';

export const ERROR_CODES = [
  'invalid_payload',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'internal',
  /** `identify` without a valid hash on a site that requires one. */
  'identity_refused',
  /** A proactive chat with a visitor who already has an open conversation. */
  'already_chatting',
  /** A proactive chat with a visitor no longer on the site. */
  'visitor_offline',
  /** Over a rate limit: try again after `retryAfterMs` (HTTP: 429 with Retry-After). */
  'rate_limited',
  /** A first message on a site with a pre-chat form, from a visitor who has not given what it asks. */
  'contact_required',
  /** An upload whose bytes are not one of the accepted image types (PNG, JPEG, WebP), whatever it was called. */
  'image_type_refused',
  /** A body over the route's size limit: a file over the site's limit, an agent picture over 1 MB. */
  'too_large',
  /** A file whose bytes are of a type the site does not accept (or nobody does: SVG, HTML, executables). */
  'unsupported_type',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBody = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** With `rate_limited`: how long to wait before trying again. */
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** What every client command's acknowledgement carries. Nothing is thrown across the wire. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type Ack<T> = (result: Result<T>) => void;

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** A refusal for going over a rate limit; the caller may try again after `retryAfterMs`. */
export function rateLimited(retryAfterMs: number): Result<never> {
  return { ok: false, error: { code: 'rate_limited', message: 'Too many requests, slow down', retryAfterMs } };
}

/** Transforms the data of a successful result; a failure passes through unchanged. */
export function mapOk<T, U>(result: Result<T>, transform: (data: T) => U): Result<U> {
  return result.ok ? { ok: true, data: transform(result.data) } : result;
}
