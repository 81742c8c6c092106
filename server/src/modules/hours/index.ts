export { HoursService, type HoursDepartments } from './hours.service.ts';
export { createHoursModule, type HoursModuleDeps } from './hours.module.ts';
