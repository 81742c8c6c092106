export { ReportsRepository } from './reports.repository.ts';
export { ReportsService, type ReportPorts } from './reports.service.ts';
export { reportsRoutes } from './reports.routes.ts';
