import { and, count, eq, isNull } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { agentRecoveryCodes } from '../../db/pg/schema/index.ts';
import type { RecoveryCodesRepository } from './recovery-codes.repository.ts';

const unused = (agentId: string) => and(eq(agentRecoveryCodes.agentId, agentId), isNull(agentRecoveryCodes.usedAt));

/** `agent_recovery_codes` on PostgreSQL: the same contract as the SQLite repository's. */
export class PgRecoveryCodesRepository implements RecoveryCodesRepository {
  constructor(private readonly db: PgDb) {}

  async replace(agentId: string, codeHashes: readonly string[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(agentRecoveryCodes).where(eq(agentRecoveryCodes.agentId, agentId));
      if (codeHashes.length > 0) {
        await tx.insert(agentRecoveryCodes).values(codeHashes.map((codeHash) => ({ codeHash, agentId, usedAt: null })));
      }
    });
  }

  async claim(agentId: string, codeHash: string, at: number): Promise<boolean> {
    const claimed = await this.db
      .update(agentRecoveryCodes)
      .set({ usedAt: at })
      .where(and(unused(agentId), eq(agentRecoveryCodes.codeHash, codeHash)))
      .returning({ codeHash: agentRecoveryCodes.codeHash });
    return claimed.length > 0;
  }

  async unusedCount(agentId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(agentRecoveryCodes).where(unused(agentId));
    return row?.n ?? 0;
  }
}
