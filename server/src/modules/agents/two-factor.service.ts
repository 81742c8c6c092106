import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { fail, ok, RECOVERY_CODE_COUNT, type Result, type TwoFactorEnrolment, type TwoFactorStatus } from '@mostrador/shared';
import { z } from 'zod';
import { hashSecret } from '../../db/ids.ts';
import type { ExpiringRecords } from '../../realtime/expiring-records.ts';
import type { AgentsService } from './agents.service.ts';
import type { RecoveryCodesRepository } from './recovery-codes.repository.ts';

const ISSUER = 'Mostrador';
const PERIOD_S = 30;
/** An enrolment not confirmed within this time starts again. */
const ENROLMENT_MS = 10 * 60 * 1000;
/** No 0/o, 1/l/i: recovery codes are typed from paper. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const TOTP_CODE = /^\d{6}$/;

/** An enrolment's secret, until the agent's first code confirms it. */
export const PendingEnrolment = z.object({ secret: z.string() });
export type PendingEnrolment = z.infer<typeof PendingEnrolment>;

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secret) });
}

/** Ten characters shown as two groups of five; stored as the hash of the ten. */
function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

function normalizedRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * Optional TOTP two-factor login (RFC 6238, via otpauth) with one-time
 * recovery codes. Enrolment only takes effect once the agent proves their
 * app produces the right codes.
 */
export class TwoFactorService {
  constructor(
    private readonly agents: AgentsService,
    private readonly codes: RecoveryCodesRepository,
    /** Secrets scanned but not yet confirmed, by agent (in Redis in a cluster: the confirmation may reach another node). */
    private readonly pending: ExpiringRecords<PendingEnrolment>,
  ) {}

  async status(siteId: string, agentId: string): Promise<TwoFactorStatus> {
    const enabled = await this.enabled(siteId, agentId);
    return { enabled, recoveryCodesLeft: enabled ? await this.codes.unusedCount(agentId) : 0 };
  }

  /** Read from the table: turned on or off on another node, it counts here at once. */
  async enabled(siteId: string, agentId: string): Promise<boolean> {
    return Boolean((await this.agents.current(siteId, agentId))?.totpSecret);
  }

  /** A new secret to scan; nothing changes until `confirm`. */
  async begin(siteId: string, agentId: string): Promise<Result<TwoFactorEnrolment>> {
    const agent = await this.agents.current(siteId, agentId);
    if (!agent) return fail('not_found', 'No such agent');
    if (agent.totpSecret) return fail('conflict', 'Two-factor login is already on');
    const secret = new Secret({ size: 20 }).base32;
    await this.pending.put(agentId, { secret }, ENROLMENT_MS);
    return ok({ secret, uri: totpFor(secret, agent.email).toString() });
  }

  /** Turns two-factor login on with the pending secret if the code matches; returns the recovery codes, once. */
  async confirm(siteId: string, agentId: string, code: string): Promise<Result<{ recoveryCodes: string[] }>> {
    const pending = await this.pending.get(agentId);
    const agent = await this.agents.current(siteId, agentId);
    if (!pending || !agent) return fail('conflict', 'Start the enrolment again');
    const delta = totpFor(pending.secret, agent.email).validate({ token: code, window: 1 });
    if (delta === null) return fail('invalid_payload', 'Wrong code');
    await this.pending.delete(agentId);
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.codes.replace(
      agentId,
      recoveryCodes.map((c) => hashSecret(normalizedRecoveryCode(c))),
    );
    await this.agents.setTotp(siteId, agentId, { totpSecret: pending.secret, totpLastStep: this.stepNow() + delta });
    return ok({ recoveryCodes });
  }

  /** Turning it off asks for the password, so an unattended console cannot weaken the account. */
  async disable(siteId: string, agentId: string, password: string): Promise<Result<null>> {
    if (!(await this.agents.passwordMatches(siteId, agentId, password))) return fail('forbidden', 'Wrong password');
    await this.agents.setTotp(siteId, agentId, { totpSecret: null, totpLastStep: null });
    await this.codes.replace(agentId, []);
    return ok(null);
  }

  /**
   * The second login step: six digits from the app (each accepted once), or
   * one unused recovery code (spent by an atomic claim). Both claims hold
   * across the nodes of a cluster: each is one conditional write.
   */
  async verify(siteId: string, agentId: string, code: string): Promise<boolean> {
    const agent = await this.agents.current(siteId, agentId);
    if (!agent?.totpSecret) return false;
    const trimmed = code.trim();
    if (!TOTP_CODE.test(trimmed)) {
      return this.codes.claim(agentId, hashSecret(normalizedRecoveryCode(trimmed)), Date.now());
    }
    const delta = totpFor(agent.totpSecret, agent.email).validate({ token: trimmed, window: 1 });
    if (delta === null) return false;
    return this.agents.claimTotpStep(siteId, agentId, this.stepNow() + delta);
  }

  private stepNow(): number {
    return Math.floor(Date.now() / 1000 / PERIOD_S);
  }
}
