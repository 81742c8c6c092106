import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { DepartmentsRepository } from './departments.repository.ts';
import { departmentRoutes, type DepartmentRoutesOptions } from './departments.routes.ts';
import { DepartmentsService } from './departments.service.ts';

export interface DepartmentsModuleDeps {
  db: Db;
  routingChanged: DepartmentRoutesOptions['routingChanged'];
}

/** The site's departments, with their admin routes. */
export function createDepartmentsModule(deps: DepartmentsModuleDeps) {
  const departments = new DepartmentsService(new DepartmentsRepository(deps.db));
  return {
    departments,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(departmentRoutes, { departments, routingChanged: deps.routingChanged });
    },
  };
}
