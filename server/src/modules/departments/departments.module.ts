import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../db/engine.ts';
import type { DepartmentsRepository } from './departments.repository.ts';
import { PgDepartmentsRepository } from './departments.repository.pg.ts';
import { SqliteDepartmentsRepository } from './departments.repository.sqlite.ts';
import { departmentRoutes, type DepartmentRoutesOptions } from './departments.routes.ts';
import { DepartmentsService } from './departments.service.ts';

export interface DepartmentsModuleDeps {
  engine: Engine;
  routingChanged: DepartmentRoutesOptions['routingChanged'];
}

export function departmentsRepository(engine: Engine): DepartmentsRepository {
  return engine.kind === 'sqlite' ? new SqliteDepartmentsRepository(engine.db) : new PgDepartmentsRepository(engine.db);
}

/** The site's departments, with their admin routes. All of them are read into memory by `departments.load()` before the app serves. */
export async function createDepartmentsModule(deps: DepartmentsModuleDeps) {
  const departments = new DepartmentsService(departmentsRepository(deps.engine));
  await departments.load();
  return {
    departments,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(departmentRoutes, { departments, routingChanged: deps.routingChanged });
    },
  };
}
