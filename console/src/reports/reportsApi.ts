import type { ReportQuery, ReportSummary } from '@mostrador/shared';
import { request } from '../admin/api.ts';

/** The query string of a report: the same for the summary and its CSV, so both show the same figures. */
export function reportSearch(query: ReportQuery): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.timeZone) params.set('timeZone', query.timeZone);
  if (query.departmentId) params.set('departmentId', query.departmentId);
  if (query.agentId) params.set('agentId', query.agentId);
  if (query.origin) params.set('origin', query.origin);
  if (query.tag) params.set('tag', query.tag);
  if (query.attributionDays) params.set('attributionDays', String(query.attributionDays));
  return params.toString();
}

export const reportsApi = {
  summary: (query: ReportQuery) => request<ReportSummary>('GET', `/api/admin/reports/summary?${reportSearch(query)}`),
  csvUrl: (query: ReportQuery) => `/api/admin/reports/days.csv?${reportSearch(query)}`,
  agentsCsvUrl: (query: ReportQuery) => `/api/admin/reports/agents.csv?${reportSearch(query)}`,
};

export type ReportsApi = typeof reportsApi;

/** A local date "YYYY-MM-DD" of the browser's calendar. */
export function localDate(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/** The last `days` days ending today (today alone for 1). */
export function presetRange(days: number, today: Date): { from: string; to: string } {
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1));
  return { from: localDate(start), to: localDate(today) };
}
