import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AttachmentLink, ErrorResponse, Id, SignedFileQuery, UploadedAttachment, UploadQuery, type Result } from '@mostrador/shared';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import { limitKey } from '../../realtime/client-ip.ts';
import type { SharedBuckets } from '../../realtime/rate-limits.ts';
import type { AttachmentsService, Viewer } from './attachments.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route authenticates with the visitor's token, never a cookie: a shop page on another origin may call it. */
    visitorToken?: boolean;
  }
}

export interface AttachmentRoutesOptions {
  attachments: AttachmentsService;
  /**
   * The visitor a request comes from: its site key (`X-Mostrador-Site`) and token
   * (`Authorization: Bearer …`), from a page on an origin the site allows; null otherwise.
   */
  visitorOf(request: FastifyRequest): Promise<{ siteId: string; visitorId: string } | null>;
  /** Shoppers' upload volume per client address, in megabytes: a token is free, so the disk is guarded per address. */
  /** Megabytes shoppers upload per address. */
  visitorUploadMbPerIp: SharedBuckets;
}

const MB = 1024 * 1024;
/** What a file costs at least against the volume limit: a flood of tiny files is rows and requests, not bytes. */
const MIN_CHARGE_MB = 0.25;
const IdParams = z.object({ id: Id });
const uploadSchema = { querystring: UploadQuery, response: { 200: UploadedAttachment, ...errorResponses(ErrorResponse) } };
const linkSchema = { params: IdParams, response: { 200: AttachmentLink, ...errorResponses(ErrorResponse) } };
const discardSchema = { params: IdParams, response: { 204: z.null(), ...errorResponses(ErrorResponse) } };

async function refuse(reply: FastifyReply, result: Extract<Result<unknown>, { ok: false }>) {
  return reply.status(statusForCode(result.error.code)).send({ error: result.error });
}

/** The upload's body as the octet-stream parser hands it on; nothing to read, or bytes sent as another type, are refused before a file is made. */
function uploadBody(request: FastifyRequest): Result<Readable> {
  const { body } = request;
  if (body instanceof Readable) return { ok: true, data: body };
  if (body === undefined || body === null) return { ok: false, error: { code: 'invalid_payload', message: 'The file is empty' } };
  return { ok: false, error: { code: 'unsupported_type', message: 'Send the file’s bytes as application/octet-stream' } };
}

function tooLarge(limit: number): Error {
  return Object.assign(new Error(`Files up to ${limit} bytes`), { statusCode: 413 });
}

/** An ASCII fallback and the UTF-8 name (RFC 6266), for Content-Disposition. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Uploads and file links, for agents (session cookie) and shoppers (visitor
 * token, from the shop's own pages), and the signed file route itself.
 * An upload's body is the file's raw bytes; reading stops at the site's limit.
 */
export const attachmentRoutes: FastifyPluginAsyncZod<AttachmentRoutesOptions> = async (
  app,
  { attachments, visitorOf, visitorUploadMbPerIp },
) => {
  const viewers = new WeakMap<FastifyRequest, Viewer>();

  // An upload's body is handed on unread: the service writes it to disk as it arrives, stopping at the site's limit.
  // Any other request of these routes with raw bytes is refused without reading them.
  app.addContentTypeParser('application/octet-stream', (request, payload, done) =>
    viewers.has(request) ? done(null, payload) : done(tooLarge(0)),
  );

  /** Who is uploading and how much they may send, decided before a byte of the body is read. */
  const admit = async (viewer: Viewer, request: FastifyRequest, reply: FastifyReply) => {
    const limit = attachments.limitFor(viewer);
    if (!limit.ok) return refuse(reply, limit);
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit.data)
      return refuse(reply, { ok: false, error: { code: 'too_large', message: `Files up to ${limit.data} bytes` } });
    if (viewer.kind === 'visitor') {
      // Charged before reading, on the declared size (the most allowed when none is declared).
      const megabytes = Math.max(MIN_CHARGE_MB, (declared > 0 ? declared : limit.data) / MB);
      const wait = await visitorUploadMbPerIp.take(limitKey(request.ip), megabytes);
      if (wait > 0) {
        void reply.header('retry-after', String(Math.ceil(wait / 1000)));
        return refuse(reply, {
          ok: false,
          error: { code: 'rate_limited', message: 'Too many files from this address, try again later', retryAfterMs: wait },
        });
      }
    }
    viewers.set(request, viewer);
    return undefined;
  };

  const agentViewer = (request: FastifyRequest): Viewer => ({
    kind: 'agent',
    siteId: request.agent!.siteId,
    agentId: request.agent!.profile.id,
  });

  // Shoppers: the token is the credential, so a page on the shop's origin may call these (CORS, below).
  // The visitor the gate found, for the handler (the token is looked up once).
  const gated = new WeakMap<FastifyRequest, { siteId: string; visitorId: string }>();
  const visitorGate = async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    const visitor = await visitorOf(request);
    if (!visitor) return reply.status(404).send({ error: { code: 'not_found', message: 'Not found' } });
    gated.set(request, visitor);
    if (origin) void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    return undefined;
  };
  const visitorViewer = (request: FastifyRequest): Viewer => ({ kind: 'visitor', ...gated.get(request)! });

  const preflight = async (request: FastifyRequest, reply: FastifyReply) =>
    reply
      .status(204)
      .header('access-control-allow-origin', request.headers.origin ?? '*')
      .header('access-control-allow-methods', 'GET, POST, DELETE')
      .header('access-control-allow-headers', 'authorization, content-type, x-mostrador-site')
      .header('access-control-max-age', '600')
      .header('vary', 'Origin')
      .send();
  app.options('/api/visitor/attachments', { config: { visitorToken: true } }, preflight);
  app.options('/api/visitor/attachments/:id/link', { config: { visitorToken: true } }, preflight);
  app.options('/api/visitor/attachments/:id', { config: { visitorToken: true } }, preflight);

  app.post(
    '/api/visitor/attachments',
    {
      config: { visitorToken: true },
      schema: uploadSchema,
      onRequest: async (request, reply) => (await visitorGate(request, reply)) ?? admit(visitorViewer(request), request, reply),
    },
    async (request, reply) => {
      const body = uploadBody(request);
      if (!body.ok) return refuse(reply, body);
      const stored = await attachments.upload(viewers.get(request)!, request.query, body.data);
      return stored.ok ? { attachment: stored.data } : refuse(reply, stored);
    },
  );

  app.get(
    '/api/visitor/attachments/:id/link',
    { config: { visitorToken: true }, schema: linkSchema, onRequest: visitorGate },
    async (request, reply) => {
      const link = await attachments.link(visitorViewer(request), request.params.id);
      return link.ok ? link.data : refuse(reply, link);
    },
  );

  app.delete(
    '/api/visitor/attachments/:id',
    { config: { visitorToken: true }, schema: discardSchema, onRequest: visitorGate },
    async (request, reply) => {
      const discarded = await attachments.discard(visitorViewer(request), request.params.id);
      return discarded.ok ? reply.status(204).send(null) : refuse(reply, discarded);
    },
  );

  // Agents: the session cookie, from the console's own origin.
  app.post(
    '/api/attachments',
    {
      schema: uploadSchema,
      onRequest: async (request, reply) => {
        await app.requireAgent(request, reply);
        return reply.sent ? undefined : admit(agentViewer(request), request, reply);
      },
    },
    async (request, reply) => {
      const body = uploadBody(request);
      if (!body.ok) return refuse(reply, body);
      const stored = await attachments.upload(viewers.get(request)!, request.query, body.data);
      return stored.ok ? { attachment: stored.data } : refuse(reply, stored);
    },
  );

  app.get('/api/attachments/:id/link', { schema: linkSchema, onRequest: app.requireAgent }, async (request, reply) => {
    const link = await attachments.link(agentViewer(request), request.params.id);
    return link.ok ? link.data : refuse(reply, link);
  });

  app.delete('/api/attachments/:id', { schema: discardSchema, onRequest: app.requireAgent }, async (request, reply) => {
    const discarded = await attachments.discard(agentViewer(request), request.params.id);
    return discarded.ok ? reply.status(204).send(null) : refuse(reply, discarded);
  });

  // The file itself: whoever holds a live signed link. Pictures show inline; anything else only downloads.
  app.get('/api/files/:id', { schema: { params: IdParams, querystring: SignedFileQuery } }, async (request, reply) => {
    const { exp, sig, download, variant } = request.query;
    const file = await attachments.open(request.params.id, exp, sig, variant);
    if (!file) return reply.status(404).send({ error: { code: 'not_found', message: 'This link is expired or wrong' } });
    const inline = file.row.type === 'image' && !download;
    const maxAge = Math.max(0, Math.floor((exp - Date.now()) / 1000));
    // A thumbnail is a WebP whatever the picture was: its name says so, should it be saved.
    const name = file.thumbnail ? `${file.row.name.replace(/\.[^.]*$/, '')}.webp` : file.row.name;
    return reply
      .header('content-type', file.thumbnail ? 'image/webp' : file.row.mime)
      .header('content-length', String(file.size))
      .header('content-disposition', disposition(inline ? 'inline' : 'attachment', name))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', `private, max-age=${maxAge}`)
      .send(file.stream);
  });
};
