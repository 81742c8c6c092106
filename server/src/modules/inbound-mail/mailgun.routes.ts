import { createHmac, timingSafeEqual } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isAutoSubmitted, type InboundMailService } from './inbound-mail.service.ts';
import type { WebhookTokensRepository } from './webhook-tokens.repository.ts';

export const MAILGUN_PATH = '/api/inbound/mailgun';
/** How far Mailgun's signed timestamp may be from our clock; older requests are refused as stale. */
export const MAILGUN_MAX_AGE_MS = 10 * 60_000;

export interface MailgunRoutesOptions {
  inbound: InboundMailService;
  /** The HTTP webhook signing key from Mailgun's dashboard; null: the route answers 404. */
  signingKey: string | null;
  tokens: WebhookTokensRepository;
  maxBytes: number;
}

type Fields = Record<string, string>;

/**
 * Mailgun's inbound door: a route's `forward("https://…/api/inbound/mailgun")`
 * posts the parsed message (urlencoded, or multipart when it has
 * attachments, which are read and dropped). The request must carry a valid
 * signature (HMAC-SHA256 of timestamp + token under the signing key), a
 * timestamp within ten minutes, and a token not answered before. Mailgun
 * retries any answer but 200 and 406, so a refused mail answers 406.
 */
export const mailgunRoutes: FastifyPluginAsync<MailgunRoutesOptions> = async (app, { inbound, signingKey, tokens, maxBytes }) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: maxBytes }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  await app.register(multipart, {
    limits: { fieldSize: maxBytes, fields: 500, fileSize: maxBytes, files: 50, parts: 550 },
  });

  app.post(MAILGUN_PATH, { bodyLimit: maxBytes }, async (request, reply) => {
    if (!signingKey) return answer(reply, 404, 'not_found', 'Not found');
    const fields = await fieldsOf(request);
    const { timestamp = '', token = '', signature = '' } = fields;
    const now = Date.now();
    if (!isSignedBy(signingKey, timestamp, token, signature)) return answer(reply, 401, 'unauthorized', 'Bad signature');
    if (Math.abs(now - Number(timestamp) * 1000) > MAILGUN_MAX_AGE_MS) return answer(reply, 401, 'unauthorized', 'Stale timestamp');
    // Spent before the mail is read, so a replay, or the same request twice at once, is refused.
    if (!(await tokens.claim(token, now, now - 2 * MAILGUN_MAX_AGE_MS))) return answer(reply, 401, 'unauthorized', 'Token already used');

    const header = headerReader(fields);
    let delivery: Awaited<ReturnType<typeof inbound.receive>>;
    try {
      delivery = await inbound.receive({
        via: 'mailgun',
        recipient: fields.recipient ?? '',
        from: bareAddress(fields.from ?? ''),
        messageId: header('message-id') ?? null,
        text: fields['body-plain'] ?? '',
        subject: fields.subject ?? '',
        autoSubmitted: isAutoSubmitted(header),
      });
    } catch (error) {
      // Only a final answer spends the token: after a failure (500) Mailgun's retry may carry it again.
      await tokens.release(token);
      throw error;
    }
    switch (delivery.outcome) {
      case 'threaded':
      case 'ignored':
        return reply.status(200).send({ ok: true });
      case 'empty':
        return answer(reply, 406, 'invalid_payload', 'No reply found above the quoted text');
      case 'refused':
        return answer(reply, 406, 'not_found', 'No conversation takes this mail');
    }
  });
};

function answer(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.status(status).send({ error: { code, message } });
}

export function isSignedBy(key: string, timestamp: string, token: string, signature: string): boolean {
  if (!timestamp || !token || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = createHmac('sha256', key)
    .update(timestamp + token)
    .digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/** The form's fields; attachments (file parts) are read and dropped, never kept. */
async function fieldsOf(request: FastifyRequest): Promise<Fields> {
  if (!request.isMultipart()) {
    const body: unknown = request.body;
    if (!body || typeof body !== 'object') return {};
    return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }
  const fields: Fields = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') part.file.resume();
    else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
  }
  return fields;
}

/** A header from `message-headers` (a JSON list of [name, value]), else from the same-named field Mailgun also posts. */
function headerReader(fields: Fields): (name: string) => string | undefined {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(fields)) headers.set(name.toLowerCase(), value);
  try {
    const list: unknown = JSON.parse(fields['message-headers'] ?? '[]');
    if (Array.isArray(list)) {
      for (const pair of list) {
        if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') headers.set(pair[0].toLowerCase(), pair[1]);
      }
    }
  } catch {
    // A malformed list: the fields alone.
  }
  return (name) => headers.get(name);
}

/** "Anna Puig <anna@example.com>" → "anna@example.com". */
function bareAddress(from: string): string | null {
  const address = (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim();
  return address.includes('@') ? address : null;
}
