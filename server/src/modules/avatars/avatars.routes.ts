import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AgentParams, AgentPictureBody, AVATAR_MAX_BYTES, AVATAR_PATH, ErrorResponse, type Result } from '@mostrador/shared';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import type { AvatarsService } from './avatars.service.ts';

export interface AvatarRoutesOptions {
  avatars: AvatarsService;
}

const PictureParams = z.object({ pictureId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

/**
 * The upload is the request body itself, whatever Content-Type the browser
 * declared: only its bytes decide (see image-type.ts). Scoped to the picture
 * routes, with their own body limit.
 */
function takeRawBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: AVATAR_MAX_BYTES }, (_request, body, done) => done(null, body));
}

const uploaded = (body: unknown): Uint8Array => (Buffer.isBuffer(body) ? body : new Uint8Array());

function send<T>(reply: FastifyReply, result: Result<T>) {
  return result.ok ? reply.send(result.data) : reply.status(statusForCode(result.error.code)).send({ error: result.error });
}

const errors = errorResponses(ErrorResponse);
const ownSchema = { response: { 200: AgentPictureBody, ...errors } };
const adminSchema = { params: AgentParams, response: { 200: AgentPictureBody, ...errors } };

/** The agent's own picture, from their account page. */
const ownPicture: FastifyPluginAsyncZod<AvatarRoutesOptions> = async (app, { avatars }) => {
  app.addHook('preHandler', app.requireAgent);
  takeRawBodies(app);
  app.put('/api/account/picture', { schema: ownSchema }, async (request, reply) =>
    send(reply, await avatars.set(request.agent!.siteId, request.agent!.profile.id, uploaded(request.body))),
  );
  app.delete('/api/account/picture', { schema: ownSchema }, async (request, reply) =>
    send(reply, await avatars.remove(request.agent!.siteId, request.agent!.profile.id)),
  );
};

/** An admin sets or removes a picture for an agent of their own site; another site's agent is not found. */
const agentPicture: FastifyPluginAsyncZod<AvatarRoutesOptions> = async (app, { avatars }) => {
  app.addHook('preHandler', app.requireAdmin);
  takeRawBodies(app);
  app.put('/api/admin/agents/:agentId/picture', { schema: adminSchema }, async (request, reply) =>
    send(reply, await avatars.set(request.agent!.siteId, request.params.agentId, uploaded(request.body))),
  );
  app.delete('/api/admin/agents/:agentId/picture', { schema: adminSchema }, async (request, reply) =>
    send(reply, await avatars.remove(request.agent!.siteId, request.params.agentId)),
  );
};

/**
 * Agents' pictures: set and removed by the agent or an admin of their site,
 * served to anyone who has the random URL, as an image and nothing else:
 * the stored type, no sniffing, and a sandbox should it ever be opened as a page.
 */
export const avatarRoutes: FastifyPluginAsyncZod<AvatarRoutesOptions> = async (app, opts) => {
  await app.register(ownPicture, opts);
  await app.register(agentPicture, opts);

  app.get(`${AVATAR_PATH}/:pictureId`, { schema: { params: PictureParams } }, async (request, reply) => {
    const picture = await opts.avatars.served(request.params.pictureId);
    if (!picture) return reply.status(404).send({ error: { code: 'not_found', message: 'No such picture' } });
    return reply
      .header('content-type', picture.contentType)
      .header('content-length', picture.bytes.length)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(picture.bytes);
  });
};
