export type { ReportPorts } from './reports.service.ts';
export type { LivePorts } from './live-board.ts';
export type { LiveCommands, LiveWatching } from './live.socket.ts';
export { createReportsModule, type ReportsModuleDeps } from './reports.module.ts';
