import type { AuditAction, AuditDetails, AuditTargetType } from '@mostrador/shared';

/** What an action was done to; `details` holds ids, field names or counts, never personal data. */
export interface AuditTarget {
  type: AuditTargetType;
  id: string | null;
  details?: AuditDetails;
}

/**
 * Where admin routes write the audit log. Cross-cutting like the auth
 * plugin: app.ts decorates the app with the privacy module's log, so any
 * module's routes can call `app.audit.record(...)` without importing it.
 */
export interface AuditRecorder {
  record(siteId: string, actorId: string | null, action: AuditAction, target: AuditTarget): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditRecorder;
  }
}
