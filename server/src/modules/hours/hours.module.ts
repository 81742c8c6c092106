import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { HoursRepository } from './hours.repository.ts';
import { hoursRoutes } from './hours.routes.ts';
import { HoursService, type HoursDepartments } from './hours.service.ts';

export interface HoursModuleDeps {
  db: Db;
  departments: Pick<HoursDepartments, 'checkDepartments'>;
  /** The site's departments as the team knows them (cached), for their slugs. */
  team: { departmentList(siteId: string): ReadonlyArray<{ id: string; slug: string }> };
  /** Hours changed: queued conversations and open widgets may need telling. */
  changed: (siteId: string) => void;
}

/** Business hours per site and department, with the admin's editor. */
export function createHoursModule(deps: HoursModuleDeps) {
  const { departments, team } = deps;
  const hours = new HoursService(
    new HoursRepository(deps.db),
    {
      checkDepartments: (siteId, ids) => departments.checkDepartments(siteId, ids),
      slugOf: (siteId, id) => team.departmentList(siteId).find((d) => d.id === id)?.slug ?? null,
    },
    deps.changed,
  );
  return {
    hours,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(hoursRoutes, { hours });
    },
  };
}
