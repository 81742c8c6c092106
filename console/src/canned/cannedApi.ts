import type { CannedCreateInput, CannedImportResult, CannedReply, CannedReplyListBody, CannedUpdateInput } from '@mostrador/shared';
import { request, requestNoContent } from '../admin/api.ts';

/** The canned replies endpoints; bodies typed from the routes' own schemas. */
export const cannedApi = {
  /** `all`: every reply the agent may manage, not only those for their departments. */
  list: (all = false) => request<CannedReplyListBody>('GET', `/api/canned-replies${all ? '?all=1' : ''}`),
  create: (body: CannedCreateInput) =>
    request<{ reply: CannedReply }>('POST', '/api/canned-replies', body).then((r) =>
      r.ok ? { ok: true as const, data: r.data.reply } : r,
    ),
  update: (id: string, changes: CannedUpdateInput) =>
    request<{ reply: CannedReply }>('PATCH', `/api/canned-replies/${encodeURIComponent(id)}`, changes).then((r) =>
      r.ok ? { ok: true as const, data: r.data.reply } : r,
    ),
  remove: (id: string) => requestNoContent('DELETE', `/api/canned-replies/${encodeURIComponent(id)}`),
  importCsv: (csv: string) => request<CannedImportResult>('POST', '/api/admin/canned-replies/import', { csv }),
  exportCsv: () => request<{ csv: string }>('GET', '/api/admin/canned-replies/export'),
};
export type CannedApi = typeof cannedApi;
