export { ReportsRepository } from './reports.repository.ts';
export { ReportsService, type ReportPorts } from './reports.service.ts';
export { reportsRoutes } from './reports.routes.ts';
export { LiveBoard, type LivePorts } from './live-board.ts';
export { attachLiveWatching, type LiveCommands, type LiveWatching } from './live.socket.ts';
export { createReportsModule, type ReportsModuleDeps } from './reports.module.ts';
