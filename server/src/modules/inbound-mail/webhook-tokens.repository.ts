import { lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inboundWebhookTokens } from '../../db/schema.ts';

/** The only code touching `inbound_webhook_tokens`: the signed tokens already answered. */
export class WebhookTokensRepository {
  constructor(private readonly db: Db) {}

  seen(token: string): boolean {
    return this.db.$client.prepare('SELECT 1 FROM inbound_webhook_tokens WHERE token = ?').get(token) !== undefined;
  }

  /** Notes a token as answered and forgets those older than `forgetBefore`, which a stale timestamp refuses anyway. */
  record(token: string, at: number, forgetBefore: number): void {
    this.db.transaction((tx) => {
      tx.delete(inboundWebhookTokens).where(lt(inboundWebhookTokens.seenAt, forgetBefore)).run();
      tx.insert(inboundWebhookTokens).values({ token, seenAt: at }).onConflictDoNothing().run();
    });
  }
}
