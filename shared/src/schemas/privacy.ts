import { z } from 'zod';
import { RETENTION_DAYS_MAX } from '../limits.ts';
import { Id, Timestamp } from './common.ts';

/** Privacy tools for admins: export, erase, retention and the audit log. */

export const RetentionDays = z.number().int().min(1).max(RETENTION_DAYS_MAX).nullable();

/** Whose data: one visitor (a browser), or a verified customer with every visitor linked to it. */
export const PRIVACY_SUBJECT_KINDS = ['visitor', 'customer'] as const;
export const PrivacySubjectKind = z.enum(PRIVACY_SUBJECT_KINDS);
export type PrivacySubjectKind = z.infer<typeof PrivacySubjectKind>;
export const PrivacySubjectParams = z.object({ kind: PrivacySubjectKind, id: Id });
export type PrivacySubject = z.infer<typeof PrivacySubjectParams>;

/** Erasing cannot be undone, so the request must say so. */
export const EraseBody = z.object({ confirm: z.literal(true) });
export const EraseResult = z.object({
  /** Rows removed per personal-data source. */
  erased: z.record(z.string(), z.number().int().min(0)),
});
export type EraseResult = z.infer<typeof EraseResult>;

export const ExportRow = z.record(z.string(), z.unknown());
/** Everything held about a subject, one list of rows per personal-data source. */
export const PrivacyExport = z.object({
  subject: PrivacySubjectParams,
  exportedAt: Timestamp,
  data: z.record(z.string(), z.array(ExportRow)),
});
export type PrivacyExport = z.infer<typeof PrivacyExport>;

/** What admins did; never a shopper's name, email or message. */
export const AUDIT_ACTIONS = [
  'agent.created',
  'agent.updated',
  'agent.role_changed',
  'agent.password_changed',
  'agent.deactivated',
  'agent.reactivated',
  'department.created',
  'department.updated',
  'site.settings_changed',
  'site.branding_changed',
  'site.identity_secret_rotated',
  'trigger.created',
  'trigger.updated',
  'trigger.reordered',
  'trigger.deleted',
  'privacy.exported',
  'privacy.erased',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AUDIT_TARGET_TYPES = ['agent', 'department', 'site', 'trigger', 'visitor', 'customer'] as const;
export const AuditTargetType = z.enum(AUDIT_TARGET_TYPES);
export type AuditTargetType = z.infer<typeof AuditTargetType>;

/** Small facts about an action: field names, a role, row counts. */
export const AuditDetails = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]));
export type AuditDetails = z.infer<typeof AuditDetails>;

export const AuditEntry = z.object({
  id: z.number().int(),
  /** The admin who acted; null for the system. */
  actorId: Id.nullable(),
  action: AuditAction,
  targetType: AuditTargetType,
  /** Null once the target was erased: an erased person leaves no id behind. */
  targetId: z.string().nullable(),
  details: AuditDetails,
  at: Timestamp,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AUDIT_PAGE_MAX = 200;
export const AuditQuery = z.object({
  /** Entries older than this id (the previous page's `nextBefore`). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});
export const AuditPage = z.object({ entries: z.array(AuditEntry), nextBefore: z.number().int().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
