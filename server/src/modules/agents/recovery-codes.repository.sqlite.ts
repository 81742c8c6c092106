import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agentRecoveryCodes } from '../../db/schema.ts';
import type { RecoveryCodesRepository } from './recovery-codes.repository.ts';

const unused = (agentId: string) => and(eq(agentRecoveryCodes.agentId, agentId), isNull(agentRecoveryCodes.usedAt));

/** `agent_recovery_codes` on SQLite. */
export class SqliteRecoveryCodesRepository implements RecoveryCodesRepository {
  constructor(private readonly db: Db) {}

  async replace(agentId: string, codeHashes: readonly string[]): Promise<void> {
    this.db.transaction((tx) => {
      tx.delete(agentRecoveryCodes).where(eq(agentRecoveryCodes.agentId, agentId)).run();
      if (codeHashes.length > 0) {
        tx.insert(agentRecoveryCodes)
          .values(codeHashes.map((codeHash) => ({ codeHash, agentId, usedAt: null })))
          .run();
      }
    });
  }

  async claim(agentId: string, codeHash: string, at: number): Promise<boolean> {
    const claimed = this.db
      .update(agentRecoveryCodes)
      .set({ usedAt: at })
      .where(and(unused(agentId), eq(agentRecoveryCodes.codeHash, codeHash)))
      .returning({ codeHash: agentRecoveryCodes.codeHash })
      .get();
    return claimed !== undefined;
  }

  async unusedCount(agentId: string): Promise<number> {
    return this.db.select({ n: count() }).from(agentRecoveryCodes).where(unused(agentId)).get()?.n ?? 0;
  }
}
