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
import type { AuditRecorder } from '../../plugins/audit.ts';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import type { AgentsService } from './agents.service.ts';
import type { SessionsService } from './sessions.service.ts';

export interface AdminAgentRoutesOptions {
  agents: AgentsService;
  /** Whether every id is a department of the site, checked before anything is written. */
  checkDepartments: (siteId: string, departmentIds: string[]) => Result<string[]>;
  setMemberships: (siteId: string, agentId: string, departmentIds: string[]) => Promise<Result<string[]>>;
  /** Tells the team an agent changed (rooms, presence, routing) and returns its summary. */
  agentChanged: (agentId: string, siteId: string) => Promise<AgentSummary | null>;
  list: (siteId: string) => Promise<AgentSummary[]>;
  sessions: SessionsService;
  /** A deactivated agent's chats go back to the queue, as when going offline, but at once. */
  agentDeactivated: (agentId: string, siteId: string) => void;
}

/** A role change and a new password get entries of their own; other edits name the fields changed. */
async function auditAgentChanges(
  audit: AuditRecorder,
  siteId: string,
  actorId: string,
  agentId: string,
  body: Record<string, unknown>,
  roleBefore: string | undefined,
): Promise<void> {
  const target = { type: 'agent', id: agentId } as const;
  const { role, password, active, ...rest } = body;
  if (active !== undefined) await audit.record(siteId, actorId, active ? 'agent.reactivated' : 'agent.deactivated', target);
  if (role !== undefined && role !== roleBefore)
    await audit.record(siteId, actorId, 'agent.role_changed', { ...target, details: { role: String(role) } });
  if (password !== undefined) await audit.record(siteId, actorId, 'agent.password_changed', target);
  const fields = Object.keys(rest);
  if (fields.length > 0) await audit.record(siteId, actorId, 'agent.updated', { ...target, details: { fields } });
}

/** Admin pages: create agents, and set their role, capacity, departments and password. */
export const adminAgentRoutes: FastifyPluginAsyncZod<AdminAgentRoutesOptions> = async (app, opts) => {
  app.addHook('preHandler', app.requireAdmin);
  const errors = errorResponses(ErrorResponse);

  app.get('/api/admin/agents', { schema: { response: { 200: AgentListBody, ...errors } } }, async (request) => ({
    agents: await opts.list(request.agent!.siteId),
  }));

  app.post('/api/admin/agents', { schema: { body: NewAgentBody, response: { 201: AgentBody, ...errors } } }, async (request, reply) => {
    const siteId = request.agent!.siteId;
    const { departmentIds, ...input } = request.body;
    const checked = opts.checkDepartments(siteId, departmentIds);
    if (!checked.ok) return reply.status(statusForCode(checked.error.code)).send({ error: checked.error });
    const created = await opts.agents.create({ siteId, ...input });
    if (!created.ok) return reply.status(statusForCode(created.error.code)).send({ error: created.error });
    const memberships = await opts.setMemberships(siteId, created.data.id, departmentIds);
    if (!memberships.ok) return reply.status(statusForCode(memberships.error.code)).send({ error: memberships.error });
    await app.audit.record(siteId, request.agent!.profile.id, 'agent.created', {
      type: 'agent',
      id: created.data.id,
      details: { role: input.role },
    });
    return reply.status(201).send({ agent: (await opts.agentChanged(created.data.id, siteId))! });
  });

  app.patch(
    '/api/admin/agents/:agentId',
    { schema: { params: AgentParams, body: UpdateAgentBody, response: { 200: AgentBody, ...errors } } },
    async (request, reply) => {
      const { siteId, profile, sessionId } = request.agent!;
      const { departmentIds, ...changes } = request.body;
      const checked = departmentIds ? opts.checkDepartments(siteId, departmentIds) : null;
      if (checked && !checked.ok) return reply.status(statusForCode(checked.error.code)).send({ error: checked.error });
      // The table, not the copy: what the edit takes away is judged against the agent as stored.
      const before = await opts.agents.current(siteId, request.params.agentId);
      const updated = await opts.agents.update(siteId, request.params.agentId, changes, profile.id);
      const roleBefore = before?.role;
      if (!updated.ok) return reply.status(statusForCode(updated.error.code)).send({ error: updated.error });
      if (departmentIds) {
        const memberships = await opts.setMemberships(siteId, updated.data.id, departmentIds);
        if (!memberships.ok) return reply.status(statusForCode(memberships.error.code)).send({ error: memberships.error });
      }
      await revokeAccess(opts, {
        agentId: updated.data.id,
        siteId,
        deactivated: before?.active === true && !updated.data.active,
        passwordChanged: changes.password !== undefined,
        permissionsChanged: before?.role !== updated.data.role || departmentIds !== undefined,
        // An admin changing their own password stays logged in where they are.
        keepSessionId: updated.data.id === profile.id ? sessionId : null,
      });
      await auditAgentChanges(app.audit, siteId, profile.id, updated.data.id, request.body, roleBefore);
      return { agent: (await opts.agentChanged(updated.data.id, siteId))! };
    },
  );
};

interface AccessChange {
  agentId: string;
  siteId: string;
  deactivated: boolean;
  passwordChanged: boolean;
  permissionsChanged: boolean;
  keepSessionId: string | null;
}

/**
 * What an edit takes away takes effect at once: a deactivated agent loses
 * every session and socket and their chats; a new password ends every other
 * session; a new role or department set drops the sockets, whose reconnection
 * carries the new permissions (a socket keeps the role it connected with).
 */
async function revokeAccess(opts: AdminAgentRoutesOptions, change: AccessChange): Promise<void> {
  if (change.deactivated) {
    await opts.sessions.endAll(change.agentId);
    opts.agentDeactivated(change.agentId, change.siteId);
    return;
  }
  if (change.passwordChanged) await opts.sessions.endAll(change.agentId, change.keepSessionId);
  if (change.permissionsChanged) await opts.sessions.dropSockets(change.agentId);
}
