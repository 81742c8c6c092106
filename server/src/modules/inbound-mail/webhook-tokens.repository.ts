/**
 * The only code touching `inbound_webhook_tokens`, on either engine
 * (webhook-tokens.repository.test.ts holds both to one contract): the signed
 * tokens already answered. Not kept in memory: the Mailgun route is async and
 * can wait for the read, and in a cluster a retry may reach another node, so
 * the table is the one place every node sees a spent token. Tokens belong to
 * no site: Mailgun signs them for the whole server.
 */
export interface WebhookTokensRepository {
  /** Whether the token was answered already (and not yet forgotten). */
  seen(token: string): Promise<boolean>;
  /** Notes a token as answered and forgets those older than `forgetBefore`, which a stale timestamp refuses anyway; in one transaction. */
  record(token: string, at: number, forgetBefore: number): Promise<void>;
}
