import type {
  AgentCreateInput,
  AuditPage,
  BrandingInput,
  WidgetBranding,
  AgentSummary,
  AgentUpdateInput,
  Department,
  DepartmentCreateInput,
  DepartmentUpdateInput,
  ErrorBody,
  Mailbox,
  Result,
  RefusedOrigin,
  SiteHours,
  SiteSettings,
  SiteUpdateInput,
  TriggerCreateInput,
  TriggerOrderInput,
  TriggerReportBody,
  TriggerRule,
  TriggerUpdateInput,
} from '@mostrador/shared';

/**
 * The admin REST endpoints. The bodies they send are typed by @mostrador/shared from the routes' own zod
 * schemas (z.input), so a change to a route's body is a type error here; the imports are type-only, so
 * zod stays out of the console's bundle.
 */
export type RoutingMode = Department['routing'];

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
export async function request<T>(method: string, path: string, body?: unknown): Promise<Result<T>> {
  const response = await send(method, path, body);
  if (!response) return { ok: false, error: UNREACHABLE };
  const parsed: unknown = await response.json().catch(() => null);
  if (!response.ok) return refusal(response, parsed);
  return parsed === null ? { ok: false, error: UNREACHABLE } : { ok: true, data: parsed as T };
}

/** For endpoints that answer 204 No Content: success carries nothing to read. */
export async function requestNoContent(method: string, path: string, body?: unknown): Promise<Result<null>> {
  const response = await send(method, path, body);
  if (!response) return { ok: false, error: UNREACHABLE };
  if (response.ok) return { ok: true, data: null };
  return refusal(response, await response.json().catch(() => null));
}

const pick =
  <K extends string, V>(key: K) =>
  (result: Result<Record<K, V>>): Result<V> =>
    result.ok ? { ok: true, data: result.data[key] } : result;

export const adminApi = {
  /** The site's business hours and each department's own; replaced whole. */
  getHours: () => request<SiteHours>('GET', '/api/admin/hours'),
  /** The demo's local mailbox (no SMTP server configured): the mail customers would have received. */
  mailbox: () => request<Mailbox>('GET', '/api/admin/mailbox'),
  replaceHours: (hours: SiteHours) => request<SiteHours>('PUT', '/api/admin/hours', hours),
  listAgents: () => request<{ agents: AgentSummary[] }>('GET', '/api/admin/agents').then(pick('agents')),
  createAgent: (body: AgentCreateInput) => request<{ agent: AgentSummary }>('POST', '/api/admin/agents', body).then(pick('agent')),
  updateAgent: (agentId: string, changes: AgentUpdateInput) =>
    request<{ agent: AgentSummary }>('PATCH', `/api/admin/agents/${encodeURIComponent(agentId)}`, changes).then(pick('agent')),

  listDepartments: () => request<{ departments: Department[] }>('GET', '/api/admin/departments').then(pick('departments')),
  createDepartment: (body: DepartmentCreateInput) =>
    request<{ department: Department }>('POST', '/api/admin/departments', body).then(pick('department')),
  updateDepartment: (departmentId: string, changes: DepartmentUpdateInput) =>
    request<{ department: Department }>('PATCH', `/api/admin/departments/${encodeURIComponent(departmentId)}`, changes).then(
      pick('department'),
    ),

  getSite: () => request<SiteSettings>('GET', '/api/admin/site'),
  updateSite: (changes: SiteUpdateInput) => request<SiteSettings>('PATCH', '/api/admin/site', changes),
  /** A fresh identity secret; every hash signed with the old one stops verifying at once. */
  rotateIdentitySecret: () => request<SiteSettings>('POST', '/api/admin/site/identity-secret'),
  /** Shop origins whose widget the server turned away lately, most recently seen first. */
  listRefusedOrigins: () => request<{ origins: RefusedOrigin[] }>('GET', '/api/admin/site/refused-origins').then(pick('origins')),
  /** Adds one origin to the allowed ones; answers with the site's settings. */
  allowOrigin: (origin: string) => request<SiteSettings>('POST', '/api/admin/site/allowed-origins', { origin }),

  /** The widget's look and the team's recent reply time (seconds, null without enough chats); saved whole. */
  getBranding: () => request<WidgetBranding>('GET', '/api/admin/site/branding'),
  saveBranding: (look: BrandingInput) => request<WidgetBranding>('PUT', '/api/admin/site/branding', look),

  /** The site's rules, in the order the widget tries them. */
  listTriggers: () => request<{ triggers: TriggerRule[] }>('GET', '/api/admin/triggers').then(pick('triggers')),
  createTrigger: (input: TriggerCreateInput) =>
    request<{ trigger: TriggerRule }>('POST', '/api/admin/triggers', input).then(pick('trigger')),
  updateTrigger: (triggerId: string, changes: TriggerUpdateInput) =>
    request<{ trigger: TriggerRule }>('PATCH', `/api/admin/triggers/${encodeURIComponent(triggerId)}`, changes).then(pick('trigger')),
  deleteTrigger: (triggerId: string) => requestNoContent('DELETE', `/api/admin/triggers/${encodeURIComponent(triggerId)}`),
  /** Every rule id of the site, first rule first; answers with the list in its new order. */
  orderTriggers: (ids: readonly string[]) =>
    request<{ triggers: TriggerRule[] }>('PUT', '/api/admin/triggers/order', { ids: [...ids] } satisfies TriggerOrderInput).then(
      pick('triggers'),
    ),
  triggerReport: (days: number) => request<TriggerReportBody>('GET', `/api/admin/triggers/report?days=${days}`),

  /** The audit log, newest first; `before` is the previous page's `nextBefore`. */
  auditLog: (before?: number) => request<AuditPage>('GET', before === undefined ? '/api/admin/audit' : `/api/admin/audit?before=${before}`),
};

export type AdminApi = typeof adminApi;
