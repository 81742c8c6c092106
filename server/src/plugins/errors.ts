import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '@mostrador/shared';

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500;

const STATUS_FOR_CODE: Record<ErrorCode, ErrorStatus> = {
  invalid_payload: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  internal: 500,
  identity_refused: 403,
  already_chatting: 409,
  visitor_offline: 409,
  rate_limited: 429,
  contact_required: 409,
  image_type_refused: 415,
  too_large: 413,
  unsupported_type: 415,
};

/** The HTTP status for a service's refusal, so routes answer with the same code a socket ack would. */
export function statusForCode(code: ErrorCode): ErrorStatus {
  return STATUS_FOR_CODE[code];
}

/** The shared error shape for every 4xx a route may declare. */
export function errorResponses<T>(schema: T) {
  return { 400: schema, 401: schema, 403: schema, 404: schema, 409: schema, 413: schema, 415: schema, 429: schema, 500: schema } as const;
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too_large';
  if (status === 415) return 'unsupported_type';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'internal';
  return 'invalid_payload';
}

/**
 * Every HTTP error leaves as `{error:{code,message}}`, the same shape as a
 * socket ack's error. Internal details stay in the log.
 */
export const errorsPlugin = fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      if (hasZodFastifySchemaValidationErrors(error)) {
        return reply.status(400).send({
          error: { code: 'invalid_payload', message: error.message },
        });
      }
      const { statusCode, message: detail } = error as { statusCode?: unknown; message?: unknown };
      const status = typeof statusCode === 'number' && statusCode >= 400 ? statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      const message = status >= 500 || typeof detail !== 'string' ? 'Internal error' : detail;
      return reply.status(status).send({ error: { code: codeForStatus(status), message } });
    });
    app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: { code: 'not_found', message: 'Not found' } }));
  },
  { name: 'errors', fastify: '5.x' },
);
