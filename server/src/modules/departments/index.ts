export type { DepartmentRow } from './departments.repository.ts';
export { DepartmentsService, toDepartment } from './departments.service.ts';
export { createDepartmentsModule, type DepartmentsModuleDeps } from './departments.module.ts';
