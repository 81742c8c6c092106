import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DepartmentBody,
  DepartmentListBody,
  DepartmentParams,
  ErrorResponse,
  NewDepartmentBody,
  UpdateDepartmentBody,
} from '@mostrador/shared';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import { toDepartment, type DepartmentsService } from './departments.service.ts';

export interface DepartmentRoutesOptions {
  departments: DepartmentsService;
  /** A department's routing mode changed: queued conversations may be assignable now. */
  routingChanged: (siteId: string) => void;
}

export const departmentRoutes: FastifyPluginAsyncZod<DepartmentRoutesOptions> = async (app, { departments, routingChanged }) => {
  app.addHook('preHandler', app.requireAdmin);
  const errors = errorResponses(ErrorResponse);

  app.get('/api/admin/departments', { schema: { response: { 200: DepartmentListBody, ...errors } } }, async (request) => ({
    departments: departments.list(request.agent!.siteId).map(toDepartment),
  }));

  app.post(
    '/api/admin/departments',
    { schema: { body: NewDepartmentBody, response: { 201: DepartmentBody, ...errors } } },
    async (request, reply) => {
      const created = await departments.create(request.agent!.siteId, request.body);
      if (!created.ok) return reply.status(statusForCode(created.error.code)).send({ error: created.error });
      await app.audit.record(request.agent!.siteId, request.agent!.profile.id, 'department.created', {
        type: 'department',
        id: created.data.id,
      });
      return reply.status(201).send({ department: toDepartment(created.data) });
    },
  );

  app.patch(
    '/api/admin/departments/:departmentId',
    { schema: { params: DepartmentParams, body: UpdateDepartmentBody, response: { 200: DepartmentBody, ...errors } } },
    async (request, reply) => {
      const siteId = request.agent!.siteId;
      const updated = await departments.update(siteId, request.params.departmentId, request.body);
      if (!updated.ok) return reply.status(statusForCode(updated.error.code)).send({ error: updated.error });
      routingChanged(siteId);
      await app.audit.record(siteId, request.agent!.profile.id, 'department.updated', {
        type: 'department',
        id: updated.data.id,
        details: { fields: Object.keys(request.body) },
      });
      return { department: toDepartment(updated.data) };
    },
  );
};
