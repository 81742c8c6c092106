import { eq, lt } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { inboundWebhookTokens } from '../../db/pg/schema/index.ts';
import type { WebhookTokensRepository } from './webhook-tokens.repository.ts';

/** `inbound_webhook_tokens` on PostgreSQL: the same contract as the SQLite repository's. */
export class PgWebhookTokensRepository implements WebhookTokensRepository {
  constructor(private readonly db: PgDb) {}

  async seen(token: string): Promise<boolean> {
    const rows = await this.db
      .select({ token: inboundWebhookTokens.token })
      .from(inboundWebhookTokens)
      .where(eq(inboundWebhookTokens.token, token))
      .limit(1);
    return rows.length > 0;
  }

  async record(token: string, at: number, forgetBefore: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(inboundWebhookTokens).where(lt(inboundWebhookTokens.seenAt, forgetBefore));
      await tx.insert(inboundWebhookTokens).values({ token, seenAt: at }).onConflictDoNothing();
    });
  }
}
