import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, MergeTagBody, NewTagBody, TagBody, TagListBody, TagParams, UpdateTagBody } from '@mostrador/shared';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import { toTag, type TagsService } from './tags.service.ts';

/** Every agent reads the list (autocomplete); admins add, colour, rename and merge. */
export const tagRoutes: FastifyPluginAsyncZod<{ tags: TagsService }> = async (app, { tags }) => {
  const errors = errorResponses(ErrorResponse);

  app.get('/api/tags', { preHandler: app.requireAgent, schema: { response: { 200: TagListBody, ...errors } } }, async (request) => ({
    tags: (await tags.list(request.agent!.siteId)).map(toTag),
  }));

  app.post(
    '/api/admin/tags',
    { preHandler: app.requireAdmin, schema: { body: NewTagBody, response: { 201: TagBody, ...errors } } },
    async (request, reply) => {
      const created = await tags.create(request.agent!.siteId, request.body);
      if (!created.ok) return reply.status(statusForCode(created.error.code)).send({ error: created.error });
      return reply.status(201).send({ tag: toTag(created.data) });
    },
  );

  app.patch(
    '/api/admin/tags/:tagId',
    { preHandler: app.requireAdmin, schema: { params: TagParams, body: UpdateTagBody, response: { 200: TagBody, ...errors } } },
    async (request, reply) => {
      const updated = await tags.update(request.agent!.siteId, request.params.tagId, request.body);
      if (!updated.ok) return reply.status(statusForCode(updated.error.code)).send({ error: updated.error });
      return { tag: toTag(updated.data) };
    },
  );

  app.post(
    '/api/admin/tags/:tagId/merge',
    { preHandler: app.requireAdmin, schema: { params: TagParams, body: MergeTagBody, response: { 200: TagBody, ...errors } } },
    async (request, reply) => {
      const merged = await tags.merge(request.agent!.siteId, request.params.tagId, request.body.into);
      if (!merged.ok) return reply.status(statusForCode(merged.error.code)).send({ error: merged.error });
      return { tag: toTag(merged.data) };
    },
  );
};
