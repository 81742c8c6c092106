export { HoursRepository } from './hours.repository.ts';
export { HoursService, type HoursDepartments } from './hours.service.ts';
export { hoursRoutes } from './hours.routes.ts';
export { createHoursModule, type HoursModuleDeps } from './hours.module.ts';
