import { hashSecret, newSecret } from '../../db/ids.ts';

const CHALLENGE_MS = 5 * 60 * 1000;
const ATTEMPTS = 5;

/** Whose challenge it is: the site and agent the right password named. */
export interface ChallengeOwner {
  siteId: string;
  agentId: string;
}

interface Challenge extends ChallengeOwner {
  expiresAt: number;
  attemptsLeft: number;
}

/**
 * The half-logged-in state between a right password and a right second
 * factor. It is not a session: it authenticates nothing but one more try at
 * the code, runs out after a few minutes or a few wrong codes, and lives in
 * memory only (a restart asks for the password again).
 */
export class LoginChallenges {
  private readonly byHash = new Map<string, Challenge>();

  issue({ siteId, agentId }: ChallengeOwner, now = Date.now()): string {
    for (const [hash, challenge] of this.byHash) if (challenge.expiresAt <= now) this.byHash.delete(hash);
    const token = newSecret();
    this.byHash.set(hashSecret(token), { siteId, agentId, expiresAt: now + CHALLENGE_MS, attemptsLeft: ATTEMPTS });
    return token;
  }

  /** Spends one attempt and returns whose challenge it is, or null when it is unknown, expired or spent. */
  attempt(token: string, now = Date.now()): ChallengeOwner | null {
    const hash = hashSecret(token);
    const challenge = this.byHash.get(hash);
    if (!challenge || challenge.expiresAt <= now || challenge.attemptsLeft <= 0) {
      this.byHash.delete(hash);
      return null;
    }
    challenge.attemptsLeft -= 1;
    return { siteId: challenge.siteId, agentId: challenge.agentId };
  }

  /** A challenge answered rightly cannot be answered again. */
  settle(token: string): void {
    this.byHash.delete(hashSecret(token));
  }
}
