import type { AgentPictureBody, ErrorBody, Result } from '@mostrador/shared';

const UNREACHABLE: ErrorBody = { code: 'internal', message: '' };

/**
 * Sends a picture as the request body itself (the server decides its type
 * from its bytes), or removes it. `path` is the agent's own
 * (`/api/account/picture`) or, for an admin, `/api/admin/agents/<id>/picture`.
 */
export async function sendPicture(path: string, file: Blob | null): Promise<Result<AgentPictureBody>> {
  try {
    const response = await fetch(path, {
      method: file ? 'PUT' : 'DELETE',
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(file ? { 'content-type': file.type || 'application/octet-stream' } : {}) },
      ...(file ? { body: file } : {}),
    });
    const parsed = (await response.json().catch(() => null)) as (AgentPictureBody & { error?: ErrorBody }) | null;
    if (!response.ok || !parsed) return { ok: false, error: parsed?.error ?? UNREACHABLE };
    return { ok: true, data: { picture: parsed.picture } };
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
}
