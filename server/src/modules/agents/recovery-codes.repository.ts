import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agentRecoveryCodes } from '../../db/schema.ts';

/** Two-factor recovery codes, by hash; each can be claimed once. */
export class RecoveryCodesRepository {
  constructor(private readonly db: Db) {}

  /** Replaces every code of the agent with these. */
  replace(agentId: string, codeHashes: string[]): void {
    this.db.transaction((tx) => {
      tx.delete(agentRecoveryCodes).where(eq(agentRecoveryCodes.agentId, agentId)).run();
      if (codeHashes.length > 0) {
        tx.insert(agentRecoveryCodes)
          .values(codeHashes.map((codeHash) => ({ codeHash, agentId, usedAt: null })))
          .run();
      }
    });
  }

  /** Atomic claim: true only for the first use of an unused code of this agent. */
  claim(agentId: string, codeHash: string, at: number): boolean {
    const claimed = this.db
      .update(agentRecoveryCodes)
      .set({ usedAt: at })
      .where(and(eq(agentRecoveryCodes.agentId, agentId), eq(agentRecoveryCodes.codeHash, codeHash), isNull(agentRecoveryCodes.usedAt)))
      .returning({ codeHash: agentRecoveryCodes.codeHash })
      .get();
    return claimed !== undefined;
  }

  unusedCount(agentId: string): number {
    const row = this.db
      .select({ n: count() })
      .from(agentRecoveryCodes)
      .where(and(eq(agentRecoveryCodes.agentId, agentId), isNull(agentRecoveryCodes.usedAt)))
      .get();
    return row?.n ?? 0;
  }
}
