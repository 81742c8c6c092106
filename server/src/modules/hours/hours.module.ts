import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../db/engine.ts';
import type { HoursRepository } from './hours.repository.ts';
import { PgHoursRepository } from './hours.repository.pg.ts';
import { SqliteHoursRepository } from './hours.repository.sqlite.ts';
import { hoursRoutes } from './hours.routes.ts';
import { HoursService, type HoursDepartments } from './hours.service.ts';

export interface HoursModuleDeps {
  engine: Engine;
  departments: Pick<HoursDepartments, 'checkDepartments'>;
  /** The site's departments as the team knows them (cached), for their slugs. */
  team: { departmentList(siteId: string): ReadonlyArray<{ id: string; slug: string }> };
  /** Hours changed: queued conversations and open widgets may need telling. */
  changed: (siteId: string) => void;
}

export function hoursRepository(engine: Engine): HoursRepository {
  return engine.kind === 'sqlite' ? new SqliteHoursRepository(engine.db) : new PgHoursRepository(engine.db);
}

/** Business hours per site and department, with the admin's editor. Their cache is filled by `hours.load()` before the app serves. */
export async function createHoursModule(deps: HoursModuleDeps) {
  const { departments, team } = deps;
  const hours = new HoursService(
    hoursRepository(deps.engine),
    {
      checkDepartments: (siteId, ids) => departments.checkDepartments(siteId, ids),
      slugOf: (siteId, id) => team.departmentList(siteId).find((d) => d.id === id)?.slug ?? null,
    },
    deps.changed,
  );
  await hours.load();
  return {
    hours,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(hoursRoutes, { hours });
    },
  };
}
