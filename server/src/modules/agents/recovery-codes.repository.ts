/**
 * Two-factor recovery codes, by hash, on either engine
 * (recovery-codes.repository.test.ts holds both to one contract); each can
 * be claimed once, by one statement, whichever node asks.
 */
export interface RecoveryCodesRepository {
  /** Replaces every code of the agent with these, in one transaction. */
  replace(agentId: string, codeHashes: readonly string[]): Promise<void>;
  /** Atomic claim: true only for the first use of an unused code of this agent. */
  claim(agentId: string, codeHash: string, at: number): Promise<boolean>;
  unusedCount(agentId: string): Promise<number>;
}
