import type { FastifyRequest } from 'fastify';
import type { Config } from './config.ts';

/** Where log lines go; pino's destination shape. Tests pass one that keeps them in memory. */
export interface LogStream {
  write(line: string): void;
}

/** Secret-bearing keys, wherever a log call puts them (top level or nested two deep). */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'sessionToken',
  'hash',
  'secret',
  'identitySecret',
  'totp',
  'otp',
  'cookie',
  'authorization',
  'body',
  'draft',
];

const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

/**
 * The part of a URL that may be logged: a path names a resource, a query
 * string may carry a token someone put there by mistake (and is refused).
 */
export function loggablePath(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Fastify's logger: no token, cookie, password, identity hash or message
 * body ever reaches a log line. Requests are logged by method and path
 * only (no headers, no query string); known secret fields are censored in
 * anything else a log call passes.
 */
export function logOptions(level: Config['logLevel'], stream?: LogStream) {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: loggablePath(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}
