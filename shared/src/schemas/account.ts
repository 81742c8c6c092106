import { z } from 'zod';
import { AgentProfile } from './agent.ts';
import { Timestamp } from './common.ts';
import { Device } from './visitor.ts';

/** One of the agent's own login sessions, as the security page lists them. */
export const AgentSession = z.object({
  /** A public handle derived from the session; never the cookie or its stored hash. */
  id: z.string(),
  device: Device,
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  /** The session this request came from. */
  current: z.boolean(),
});
export type AgentSession = z.infer<typeof AgentSession>;
export const SessionListBody = z.object({ sessions: z.array(AgentSession) });
export const SessionParams = z.object({ sessionId: z.string().min(1).max(64) });
export const EndedSessionsBody = z.object({ ended: z.number().int().min(0) });

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX),
  newPassword: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
});

export const RECOVERY_CODE_COUNT = 10;
export const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  /** Unused recovery codes; 0 while two-factor login is off. */
  recoveryCodesLeft: z.number().int().min(0),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;
/** The secret to type into an authenticator app, and the same as an otpauth:// URI for a QR code. */
export const TwoFactorEnrolment = z.object({ secret: z.string(), uri: z.string() });
export type TwoFactorEnrolment = z.infer<typeof TwoFactorEnrolment>;
export const TwoFactorCodeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
/** Shown once, at enrolment; only hashes are kept. */
export const RecoveryCodesBody = z.object({ recoveryCodes: z.array(z.string()) });
export const TwoFactorDisableBody = z.object({ password: z.string().min(1).max(PASSWORD_MAX) });

/**
 * A right password on an account with two-factor login: no session yet, only
 * a short-lived challenge to send back with a code. It is not a session and
 * opens nothing else.
 */
export const SecondStepResponse = z.object({ secondStep: z.object({ challenge: z.string() }) });
export const LoginResponse = z.union([z.object({ agent: AgentProfile }), SecondStepResponse]);
export type LoginResponse = z.infer<typeof LoginResponse>;
/** `code` is the authenticator's six digits or one recovery code. */
export const SecondStepBody = z.object({
  challenge: z.string().min(1).max(100),
  code: z.string().trim().min(6).max(32),
});
