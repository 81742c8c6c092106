import type {
  AgentRole,
  AuditPage,
  AgentSummary,
  Department,
  ErrorBody,
  Result,
  SiteSettings,
  TriggerReportBody,
  TriggerRule,
  TriggerRuleInput,
} from '@mostrador/shared';

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

/** A PATCH changes only the fields it carries. */
export type TriggerChanges = Partial<TriggerRuleInput>;

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

/** Null when the server could not be reached at all. */
async function send(method: string, path: string, body?: unknown): Promise<Response | null> {
  try {
    return await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? JSON_ACCEPT : { ...JSON_ACCEPT, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return null;
  }
}

function refusal(response: Response, parsed: unknown): Result<never> {
  const code = response.status === 403 ? 'forbidden' : response.status === 404 ? 'not_found' : 'internal';
  return { ok: false, error: errorFrom(parsed) ?? { code, message: '' } };
}

/** Every call resolves to a Result, so pages never need try/catch around the network. */
async function request<T>(method: string, path: string, body?: unknown): Promise<Result<T>> {
  const response = await send(method, path, body);
  if (!response) return { ok: false, error: UNREACHABLE };
  const parsed: unknown = await response.json().catch(() => null);
  if (!response.ok) return refusal(response, parsed);
  return parsed === null ? { ok: false, error: UNREACHABLE } : { ok: true, data: parsed as T };
}

/** For endpoints that answer 204 No Content: success carries nothing to read. */
async function requestNoContent(method: string, path: string): Promise<Result<null>> {
  const response = await send(method, path);
  if (!response) return { ok: false, error: UNREACHABLE };
  if (response.ok) return { ok: true, data: null };
  return refusal(response, await response.json().catch(() => null));
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

  /** The site's rules, in the order the widget tries them. */
  listTriggers: () => request<{ triggers: TriggerRule[] }>('GET', '/api/admin/triggers').then(pick('triggers')),
  createTrigger: (input: TriggerRuleInput) =>
    request<{ trigger: TriggerRule }>('POST', '/api/admin/triggers', input).then(pick('trigger')),
  updateTrigger: (triggerId: string, changes: TriggerChanges) =>
    request<{ trigger: TriggerRule }>('PATCH', `/api/admin/triggers/${encodeURIComponent(triggerId)}`, changes).then(
      pick('trigger'),
    ),
  deleteTrigger: (triggerId: string) =>
    requestNoContent('DELETE', `/api/admin/triggers/${encodeURIComponent(triggerId)}`),
  /** Every rule id of the site, first rule first; answers with the list in its new order. */
  orderTriggers: (ids: readonly string[]) =>
    request<{ triggers: TriggerRule[] }>('PUT', '/api/admin/triggers/order', { ids }).then(pick('triggers')),
  triggerReport: (days: number) => request<TriggerReportBody>('GET', `/api/admin/triggers/report?days=${days}`),

  /** The audit log, newest first; `before` is the previous page's `nextBefore`. */
  auditLog: (before?: number) =>
    request<AuditPage>('GET', before === undefined ? '/api/admin/audit' : `/api/admin/audit?before=${before}`),
};

export type AdminApi = typeof adminApi;
