import { eq, lt } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { inboundWebhookTokens } from '../../db/pg/schema/index.ts';
import type { WebhookTokensRepository } from './webhook-tokens.repository.ts';

/** `inbound_webhook_tokens` on PostgreSQL: the same contract as the SQLite repository's. */
export class PgWebhookTokensRepository implements WebhookTokensRepository {
  constructor(private readonly db: PgDb) {}

  claim(token: string, at: number, forgetBefore: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.delete(inboundWebhookTokens).where(lt(inboundWebhookTokens.seenAt, forgetBefore));
      const added = await tx
        .insert(inboundWebhookTokens)
        .values({ token, seenAt: at })
        .onConflictDoNothing()
        .returning({ token: inboundWebhookTokens.token });
      return added.length > 0;
    });
  }

  async release(token: string): Promise<void> {
    await this.db.delete(inboundWebhookTokens).where(eq(inboundWebhookTokens.token, token));
  }
}
