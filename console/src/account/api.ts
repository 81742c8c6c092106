import type { AgentSession, TwoFactorEnrolment, TwoFactorStatus } from '@mostrador/shared';
import { request, requestNoContent } from '../admin/api.ts';

/** The agent's own security endpoints; every one acts on the signed-in agent only. */
export const accountApi = {
  listSessions: () =>
    request<{ sessions: AgentSession[] }>('GET', '/api/account/sessions').then((r) =>
      r.ok ? { ok: true as const, data: r.data.sessions } : r,
    ),
  endSession: (sessionId: string) => requestNoContent('DELETE', `/api/account/sessions/${encodeURIComponent(sessionId)}`),
  endOtherSessions: () => request<{ ended: number }>('POST', '/api/account/sessions/end-others'),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ ended: number }>('PUT', '/api/account/password', { currentPassword, newPassword }),
  twoFactorStatus: () => request<TwoFactorStatus>('GET', '/api/account/two-factor'),
  beginTwoFactor: () => request<TwoFactorEnrolment>('POST', '/api/account/two-factor/enrolment'),
  confirmTwoFactor: (code: string) => request<{ recoveryCodes: string[] }>('POST', '/api/account/two-factor/confirm', { code }),
  disableTwoFactor: (password: string) => requestNoContent('POST', '/api/account/two-factor/disable', { password }),
};

export type AccountApi = typeof accountApi;
