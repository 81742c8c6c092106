import type { AgentRole, AgentSummary, Department, ErrorBody, Result, SiteSettings } from '@mostrador/shared';

/**
 * The admin REST endpoints. Bodies are typed here rather than inferred from
 * the zod schemas in @mostrador/shared, because the console does not depend on
 * zod; the shapes mirror NewAgentBody, UpdateAgentBody and friends.
 */
export type RoutingMode = Department['routing'];

export interface NewAgent {
  email: string;
  name: string;
  role: AgentRole;
  password: string;
  capacity: number;
  departmentIds: string[];
}
export type AgentChanges = Partial<Omit<NewAgent, 'email'>>;

export interface NewDepartment {
  slug: string;
  name: string;
  routing: RoutingMode;
}
export type DepartmentChanges = Partial<Pick<NewDepartment, 'name' | 'routing'>>;

/** The key and the identity secret are the server's to mint; the secret only changes by rotation. */
export type SiteChanges = Partial<Omit<SiteSettings, 'key' | 'identitySecret'>>;

const JSON_ACCEPT = { accept: 'application/json' };

/** A failure with no server message: the page shows its own sentence instead. */
const UNREACHABLE: ErrorBody = { code: 'internal', message: '' };

function errorFrom(body: unknown): ErrorBody | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as Partial<ErrorBody>;
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

/** Every call resolves to a Result, so pages never need try/catch around the network. */
async function request<T>(method: string, path: string, body?: unknown): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? JSON_ACCEPT : { ...JSON_ACCEPT, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
  const parsed: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const code = response.status === 403 ? 'forbidden' : 'internal';
    return { ok: false, error: errorFrom(parsed) ?? { code, message: '' } };
  }
  return parsed === null ? { ok: false, error: UNREACHABLE } : { ok: true, data: parsed as T };
}

const pick =
  <K extends string, V>(key: K) =>
  (result: Result<Record<K, V>>): Result<V> =>
    result.ok ? { ok: true, data: result.data[key] } : result;

export const adminApi = {
  listAgents: () => request<{ agents: AgentSummary[] }>('GET', '/api/admin/agents').then(pick('agents')),
  createAgent: (body: NewAgent) =>
    request<{ agent: AgentSummary }>('POST', '/api/admin/agents', body).then(pick('agent')),
  updateAgent: (agentId: string, changes: AgentChanges) =>
    request<{ agent: AgentSummary }>('PATCH', `/api/admin/agents/${encodeURIComponent(agentId)}`, changes).then(
      pick('agent'),
    ),

  listDepartments: () =>
    request<{ departments: Department[] }>('GET', '/api/admin/departments').then(pick('departments')),
  createDepartment: (body: NewDepartment) =>
    request<{ department: Department }>('POST', '/api/admin/departments', body).then(pick('department')),
  updateDepartment: (departmentId: string, changes: DepartmentChanges) =>
    request<{ department: Department }>(
      'PATCH',
      `/api/admin/departments/${encodeURIComponent(departmentId)}`,
      changes,
    ).then(pick('department')),

  getSite: () => request<SiteSettings>('GET', '/api/admin/site'),
  updateSite: (changes: SiteChanges) => request<SiteSettings>('PATCH', '/api/admin/site', changes),
  /** A fresh identity secret; every hash signed with the old one stops verifying at once. */
  rotateIdentitySecret: () => request<SiteSettings>('POST', '/api/admin/site/identity-secret'),
};

export type AdminApi = typeof adminApi;
