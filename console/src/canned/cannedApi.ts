import type {
  AttachmentInfo,
  CannedCreateInput,
  CannedImportResult,
  CannedReply,
  CannedReplyListBody,
  CannedSuggestionsBody,
  CannedUpdateInput,
} from '@mostrador/shared';
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
  /** Up to three replies for the visitor's last message in the conversation, best first. */
  suggestions: (conversationId: string) =>
    request<CannedSuggestionsBody>('GET', `/api/canned-replies/suggestions?conversationId=${encodeURIComponent(conversationId)}`),
  /** Tells the server a reply went into a message: what the suggestions learn from. */
  recordUse: (replyId: string, conversationId: string) =>
    requestNoContent('POST', `/api/canned-replies/${encodeURIComponent(replyId)}/uses`, { conversationId }),
  /** A copy of the reply's picture, a new upload of the agent's that goes with the message like any file. */
  copyPicture: (id: string) =>
    request<{ attachment: AttachmentInfo }>('POST', `/api/canned-replies/${encodeURIComponent(id)}/picture-copy`).then((r) =>
      r.ok ? { ok: true as const, data: r.data.attachment } : r,
    ),
  exportCsv: () => request<{ csv: string }>('GET', '/api/admin/canned-replies/export'),
};
export type CannedApi = typeof cannedApi;
