import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AgentBody,
  AgentListBody,
  AgentParams,
  ErrorResponse,
  NewAgentBody,
  UpdateAgentBody,
  type AgentSummary,
  type Result,
} from '@mostrador/shared';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import type { AgentsService } from './agents.service.ts';

export interface AdminAgentRoutesOptions {
  agents: AgentsService;
  /** Whether every id is a department of the site, checked before anything is written. */
  checkDepartments: (siteId: string, departmentIds: string[]) => Result<string[]>;
  setMemberships: (siteId: string, agentId: string, departmentIds: string[]) => Result<string[]>;
  /** Tells the team an agent changed (rooms, presence, routing) and returns its summary. */
  agentChanged: (agentId: string, siteId: string) => AgentSummary | null;
  list: (siteId: string) => AgentSummary[];
}

/** Admin pages: create agents, and set their role, capacity, departments and password. */
export const adminAgentRoutes: FastifyPluginAsyncZod<AdminAgentRoutesOptions> = async (app, opts) => {
  app.addHook('preHandler', app.requireAdmin);
  const errors = errorResponses(ErrorResponse);

  app.get('/api/admin/agents', { schema: { response: { 200: AgentListBody, ...errors } } }, async (request) => ({
    agents: opts.list(request.agent!.siteId),
  }));

  app.post(
    '/api/admin/agents',
    { schema: { body: NewAgentBody, response: { 201: AgentBody, ...errors } } },
    async (request, reply) => {
      const siteId = request.agent!.siteId;
      const { departmentIds, ...input } = request.body;
      const checked = opts.checkDepartments(siteId, departmentIds);
      if (!checked.ok) return reply.status(statusForCode(checked.error.code)).send({ error: checked.error });
      const created = await opts.agents.create({ siteId, ...input });
      if (!created.ok) return reply.status(statusForCode(created.error.code)).send({ error: created.error });
      const memberships = opts.setMemberships(siteId, created.data.id, departmentIds);
      if (!memberships.ok) return reply.status(statusForCode(memberships.error.code)).send({ error: memberships.error });
      return reply.status(201).send({ agent: opts.agentChanged(created.data.id, siteId)! });
    },
  );

  app.patch(
    '/api/admin/agents/:agentId',
    { schema: { params: AgentParams, body: UpdateAgentBody, response: { 200: AgentBody, ...errors } } },
    async (request, reply) => {
      const siteId = request.agent!.siteId;
      const { departmentIds, ...changes } = request.body;
      const checked = departmentIds ? opts.checkDepartments(siteId, departmentIds) : null;
      if (checked && !checked.ok) return reply.status(statusForCode(checked.error.code)).send({ error: checked.error });
      const updated = await opts.agents.update(siteId, request.params.agentId, changes);
      if (!updated.ok) return reply.status(statusForCode(updated.error.code)).send({ error: updated.error });
      if (departmentIds) {
        const memberships = opts.setMemberships(siteId, updated.data.id, departmentIds);
        if (!memberships.ok) return reply.status(statusForCode(memberships.error.code)).send({ error: memberships.error });
      }
      return { agent: opts.agentChanged(updated.data.id, siteId)! };
    },
  );
};
