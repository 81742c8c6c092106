import { z } from 'zod';
import { hashSecret, newSecret } from '../../db/ids.ts';
import type { ExpiringRecords } from '../../realtime/expiring-records.ts';

const CHALLENGE_MS = 5 * 60 * 1000;
const ATTEMPTS = 5;

/** Whose challenge it is: the site and agent the right password named. */
export const ChallengeOwner = z.object({ siteId: z.string(), agentId: z.string() });
export type ChallengeOwner = z.infer<typeof ChallengeOwner>;

/**
 * The half-logged-in state between a right password and a right second
 * factor. It is not a session: it authenticates nothing but one more try at
 * the code, and runs out after a few minutes or a few wrong codes. Kept
 * under the token's hash in short-lived records (Redis in a cluster, so the
 * code may reach another node than the password did; else memory: a
 * restart asks for the password again).
 */
export class LoginChallenges {
  constructor(private readonly records: ExpiringRecords<ChallengeOwner>) {}

  async issue({ siteId, agentId }: ChallengeOwner): Promise<string> {
    const token = newSecret();
    await this.records.put(hashSecret(token), { siteId, agentId }, CHALLENGE_MS);
    return token;
  }

  /** Spends one attempt and returns whose challenge it is, or null when it is unknown, expired or spent. */
  async attempt(token: string): Promise<ChallengeOwner | null> {
    return (await this.records.use(hashSecret(token), ATTEMPTS)) ?? null;
  }

  /** A challenge answered rightly cannot be answered again. */
  async settle(token: string): Promise<void> {
    await this.records.delete(hashSecret(token));
  }
}
