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
}

/** Whether a stored value is an outbox item: storage may be old, foreign or hand-edited. */
export function isOutboxItem(value: unknown): value is OutboxItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item.clientId === 'string' &&
    typeof item.body === 'string' &&
    typeof item.createdAt === 'number' &&
    (item.status === 'sending' || item.status === 'failed') &&
    (item.trigger === undefined || typeof item.trigger === 'string')
  );
}
