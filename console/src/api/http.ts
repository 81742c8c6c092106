import type { AgentProfile } from '@mostrador/shared';

/** Why a login did not yield an agent; the form turns each into a sentence. */
export type LoginFailure = 'invalid_credentials' | 'invalid_input' | 'unavailable';

export type LoginOutcome = { ok: true; agent: AgentProfile } | { ok: false; reason: LoginFailure };

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

function agentFrom(body: unknown): AgentProfile | null {
  if (typeof body !== 'object' || body === null || !('agent' in body)) return null;
  const agent = (body as { agent: unknown }).agent;
  return typeof agent === 'object' && agent !== null ? (agent as AgentProfile) : null;
}

/** The cookie set by a successful login authenticates every later request and the socket. */
export async function login(email: string, password: string): Promise<LoginOutcome> {
  let response: Response;
  try {
    response = await fetch('/api/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: JSON_HEADERS,
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, reason: 'unavailable' };
  }
  if (response.status === 401) return { ok: false, reason: 'invalid_credentials' };
  if (response.status === 400) return { ok: false, reason: 'invalid_input' };
  if (!response.ok) return { ok: false, reason: 'unavailable' };
  const agent = agentFrom(await response.json().catch(() => null));
  return agent ? { ok: true, agent } : { ok: false, reason: 'unavailable' };
}

/** The agent of the current session, or null when there is none (or the server is unreachable). */
export async function currentAgent(): Promise<AgentProfile | null> {
  try {
    const response = await fetch('/api/auth/me', {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return null;
    return agentFrom(await response.json().catch(() => null));
  } catch {
    return null;
  }
}

export async function logout(): Promise<void> {
  try {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
  } catch {
    // The session cookie is httpOnly; if the server cannot be reached the
    // console still leaves, and the session expires on its own.
  }
}
