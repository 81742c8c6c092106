import type { AgentProfile } from '@mostrador/shared';

/** Why a login did not yield an agent; the form turns each into a sentence. */
export type LoginFailure = 'invalid_credentials' | 'invalid_input' | 'unavailable' | 'invalid_code';

/**
 * A right password on an account with two-factor login yields a challenge
 * instead of an agent: the form then asks for a code and sends both back.
 */
export type LoginOutcome = { ok: true; agent: AgentProfile } | { ok: true; challenge: string } | { ok: false; reason: LoginFailure };

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

function agentFrom(body: unknown): AgentProfile | null {
  if (typeof body !== 'object' || body === null || !('agent' in body)) return null;
  const agent = (body as { agent: unknown }).agent;
  return typeof agent === 'object' && agent !== null ? (agent as AgentProfile) : null;
}

function challengeFrom(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('secondStep' in body)) return null;
  const step = (body as { secondStep: unknown }).secondStep;
  if (typeof step !== 'object' || step === null || !('challenge' in step)) return null;
  const challenge = (step as { challenge: unknown }).challenge;
  return typeof challenge === 'string' ? challenge : null;
}

async function postLogin(path: string, body: unknown, unauthorized: LoginFailure): Promise<LoginOutcome> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, reason: 'unavailable' };
  }
  if (response.status === 401) return { ok: false, reason: unauthorized };
  if (response.status === 400) return { ok: false, reason: unauthorized === 'invalid_code' ? 'invalid_code' : 'invalid_input' };
  if (!response.ok) return { ok: false, reason: 'unavailable' };
  const parsed: unknown = await response.json().catch(() => null);
  const agent = agentFrom(parsed);
  if (agent) return { ok: true, agent };
  const challenge = challengeFrom(parsed);
  return challenge ? { ok: true, challenge } : { ok: false, reason: 'unavailable' };
}

/** The cookie set by a successful login authenticates every later request and the socket. */
export function login(email: string, password: string): Promise<LoginOutcome> {
  return postLogin('/api/auth/login', { email, password }, 'invalid_credentials');
}

/** The second step: the challenge from `login` and a code from the app, or a recovery code. */
export function loginSecondStep(challenge: string, code: string): Promise<LoginOutcome> {
  return postLogin('/api/auth/login/second-step', { challenge, code }, 'invalid_code');
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
