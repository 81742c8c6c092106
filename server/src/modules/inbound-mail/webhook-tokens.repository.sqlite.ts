import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inboundWebhookTokens } from '../../db/schema.ts';
import type { WebhookTokensRepository } from './webhook-tokens.repository.ts';

/** `inbound_webhook_tokens` on SQLite. */
export class SqliteWebhookTokensRepository implements WebhookTokensRepository {
  constructor(private readonly db: Db) {}

  async claim(token: string, at: number, forgetBefore: number): Promise<boolean> {
    return this.db.transaction((tx) => {
      tx.delete(inboundWebhookTokens).where(lt(inboundWebhookTokens.seenAt, forgetBefore)).run();
      const added = tx
        .insert(inboundWebhookTokens)
        .values({ token, seenAt: at })
        .onConflictDoNothing()
        .returning({ token: inboundWebhookTokens.token })
        .all();
      return added.length > 0;
    });
  }

  async release(token: string): Promise<void> {
    this.db.delete(inboundWebhookTokens).where(eq(inboundWebhookTokens.token, token)).run();
  }
}
