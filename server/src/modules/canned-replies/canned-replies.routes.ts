import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  CannedExportBody,
  CannedImportBody,
  CannedImportResult,
  CannedReplyBody,
  CannedReplyListBody,
  CannedReplyParams,
  CannedSuggestionsBody,
  CannedSuggestionsQuery,
  CannedUseBody,
  ErrorResponse,
  NewCannedReplyBody,
  UpdateCannedReplyBody,
  UploadedAttachment,
} from '@mostrador/shared';
import { z } from 'zod';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import { cannedFromCsv, cannedToCsv, type DepartmentSlugs } from './canned-csv.ts';
import { type CannedActor, type CannedRepliesService } from './canned-replies.service.ts';
import type { CannedSuggestions } from './canned-suggest.service.ts';

export interface CannedRoutesOptions {
  canned: CannedRepliesService;
  suggestions: CannedSuggestions;
  shopName: (siteId: string) => string;
  departments: (siteId: string) => DepartmentSlugs;
}

function actorOf(request: FastifyRequest): CannedActor {
  const { profile, siteId } = request.agent!;
  return { siteId, agentId: profile.id, role: profile.role, departmentIds: profile.departmentIds };
}

/**
 * Agents read what they may use and keep their personal replies; admins keep the team's, and import and export.
 * Agents also get suggestions for a conversation, and tell which replies they used.
 */
export const cannedRoutes: FastifyPluginAsyncZod<CannedRoutesOptions> = async (app, { canned, suggestions, shopName, departments }) => {
  app.addHook('preHandler', app.requireAgent);
  const errors = errorResponses(ErrorResponse);

  app.get(
    '/api/canned-replies',
    { schema: { querystring: z.object({ all: z.enum(['1']).optional() }), response: { 200: CannedReplyListBody, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await (request.query.all ? canned.list(actor) : canned.usable(actor));
      return { replies: await canned.present(actor.siteId, rows), shopName: shopName(actor.siteId) };
    },
  );

  app.get(
    '/api/canned-replies/suggestions',
    { schema: { querystring: CannedSuggestionsQuery, response: { 200: CannedSuggestionsBody, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const found = await suggestions.suggest(actor, request.query.conversationId);
      if (!found.ok) return reply.status(statusForCode(found.error.code)).send({ error: found.error });
      return { replies: await canned.present(actor.siteId, found.data) };
    },
  );

  // Told by the console when a reply goes into a message, beside the message, never on its path.
  app.post(
    '/api/canned-replies/:replyId/uses',
    { schema: { params: CannedReplyParams, body: CannedUseBody, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const recorded = await suggestions.record(actorOf(request), request.params.replyId, request.body.conversationId);
      if (!recorded.ok) return reply.status(statusForCode(recorded.error.code)).send({ error: recorded.error });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/canned-replies',
    { schema: { body: NewCannedReplyBody, response: { 201: CannedReplyBody, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await canned.create(actor, request.body);
      if (!created.ok) return reply.status(statusForCode(created.error.code)).send({ error: created.error });
      return reply.status(201).send({ reply: (await canned.present(actor.siteId, [created.data]))[0]! });
    },
  );

  app.patch(
    '/api/canned-replies/:replyId',
    { schema: { params: CannedReplyParams, body: UpdateCannedReplyBody, response: { 200: CannedReplyBody, ...errors } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const updated = await canned.update(actor, request.params.replyId, request.body);
      if (!updated.ok) return reply.status(statusForCode(updated.error.code)).send({ error: updated.error });
      return { reply: (await canned.present(actor.siteId, [updated.data]))[0]! };
    },
  );

  // Inserting a reply with a picture: a new upload of the agent's, with the picture's bytes, sent like any other.
  app.post(
    '/api/canned-replies/:replyId/picture-copy',
    { schema: { params: CannedReplyParams, response: { 200: UploadedAttachment, ...errors } } },
    async (request, reply) => {
      const copied = await canned.copyPicture(actorOf(request), request.params.replyId);
      if (!copied.ok) return reply.status(statusForCode(copied.error.code)).send({ error: copied.error });
      return { attachment: copied.data };
    },
  );

  app.delete(
    '/api/canned-replies/:replyId',
    { schema: { params: CannedReplyParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const deleted = await canned.delete(actorOf(request), request.params.replyId);
      if (!deleted.ok) return reply.status(statusForCode(deleted.error.code)).send({ error: deleted.error });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/admin/canned-replies/export',
    { preHandler: app.requireAdmin, schema: { response: { 200: CannedExportBody, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      return { csv: cannedToCsv(await canned.list(actor), departments(actor.siteId)) };
    },
  );

  app.post(
    '/api/admin/canned-replies/import',
    { preHandler: app.requireAdmin, schema: { body: CannedImportBody, response: { 200: CannedImportResult, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      const { inputs, lines, refused } = cannedFromCsv(request.body.csv, departments(actor.siteId));
      const created = await canned.createMany(actor, inputs);
      const alsoRefused = created.refused.map(({ index, message }) => ({ line: lines[index] ?? 0, message }));
      return { added: created.added, refused: [...refused, ...alsoRefused].sort((a, b) => a.line - b.line) };
    },
  );
};
