import type { AttachmentInfo, AttachmentLink, ErrorCode, Result } from '@mostrador/shared';

function failure(code: ErrorCode): Result<never> {
  return { ok: false, error: { code, message: '' } };
}

async function errorCodeOf(response: Response): Promise<ErrorCode> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: ErrorCode } } | null;
  return body?.error?.code ?? 'internal';
}

/** Uploads one file (its raw bytes); a retry with the same client id is stored once. */
export async function uploadAttachment(file: Blob, name: string, clientId: string, signal?: AbortSignal): Promise<Result<AttachmentInfo>> {
  try {
    const query = new URLSearchParams({ clientId, name });
    const response = await fetch(`/api/attachments?${query.toString()}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
      body: file,
      ...(signal ? { signal } : {}),
    });
    if (!response.ok) return failure(await errorCodeOf(response));
    return { ok: true, data: ((await response.json()) as { attachment: AttachmentInfo }).attachment };
  } catch {
    return failure('internal');
  }
}

/** A short-lived link to a file of a conversation the agent may read. */
export async function attachmentLink(id: string): Promise<Result<AttachmentLink>> {
  try {
    const response = await fetch(`/api/attachments/${encodeURIComponent(id)}/link`, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return failure(await errorCodeOf(response));
    return { ok: true, data: (await response.json()) as AttachmentLink };
  } catch {
    return failure('internal');
  }
}

/** Takes back a file uploaded but not sent (removed from the composer): the server deletes it at once. Best effort. */
export function discardAttachment(id: string): void {
  void fetch(`/api/attachments/${encodeURIComponent(id)}`, { method: 'DELETE', credentials: 'same-origin' }).catch(() => undefined);
}
