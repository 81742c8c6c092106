import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inboundWebhookTokens } from '../../db/schema.ts';
import type { WebhookTokensRepository } from './webhook-tokens.repository.ts';

/** `inbound_webhook_tokens` on SQLite. */
export class SqliteWebhookTokensRepository implements WebhookTokensRepository {
  constructor(private readonly db: Db) {}

  async seen(token: string): Promise<boolean> {
    const row = this.db
      .select({ token: inboundWebhookTokens.token })
      .from(inboundWebhookTokens)
      .where(eq(inboundWebhookTokens.token, token))
      .get();
    return row !== undefined;
  }

  async record(token: string, at: number, forgetBefore: number): Promise<void> {
    this.db.transaction((tx) => {
      tx.delete(inboundWebhookTokens).where(lt(inboundWebhookTokens.seenAt, forgetBefore)).run();
      tx.insert(inboundWebhookTokens).values({ token, seenAt: at }).onConflictDoNothing().run();
    });
  }
}
