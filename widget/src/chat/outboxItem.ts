import type { AttachmentInfo } from '@mostrador/shared';

/**
 * One message waiting in the outbox, as the visitor storage keeps it. Its own file, so the storage
 * and the outbox can both name it without importing each other.
 */
export interface OutboxItem {
  clientId: string;
  body: string;
  createdAt: number;
  /** `sending` until acked (also while offline); `failed` once the server refused it. */
  status: 'sending' | 'failed';
  /** The server's reason, for a failed item. */
  error?: string;
  /** The firing id of the trigger invitation this message answers. */
  trigger?: string;
  /** Files already uploaded, sent with the message by id (and shown with it while it waits). */
  attachments?: AttachmentInfo[];
}

/** Whether each named field of a stored value has its type: stored items may be old, foreign or hand-edited. */
function hasFields(value: unknown, fields: Readonly<Record<string, 'string' | 'number'>>): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return Object.entries(fields).every(([name, type]) => typeof record[name] === type);
}

const isAttachment = (value: unknown): value is AttachmentInfo =>
  hasFields(value, { id: 'string', name: 'string', mime: 'string', type: 'string', size: 'number' });

/** Whether a stored value is an outbox item. */
export function isOutboxItem(value: unknown): value is OutboxItem {
  if (!hasFields(value, { clientId: 'string', body: 'string', createdAt: 'number' })) return false;
  const item = value;
  return (
    (item.status === 'sending' || item.status === 'failed') &&
    (item.trigger === undefined || typeof item.trigger === 'string') &&
    (item.attachments === undefined || (Array.isArray(item.attachments) && item.attachments.every(isAttachment)))
  );
}
