export { DepartmentsRepository, type DepartmentRow } from './departments.repository.ts';
export { DepartmentsService, toDepartment } from './departments.service.ts';
export { departmentRoutes } from './departments.routes.ts';
export { createDepartmentsModule, type DepartmentsModuleDeps } from './departments.module.ts';
