import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '@mostrador/shared';

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
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
    app.setNotFoundHandler((_request, reply) =>
      reply.status(404).send({ error: { code: 'not_found', message: 'Not found' } }),
    );
  },
  { name: 'errors', fastify: '5.x' },
);
