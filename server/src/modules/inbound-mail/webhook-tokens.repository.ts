/**
 * The only code touching `inbound_webhook_tokens`, on either engine
 * (webhook-tokens.repository.test.ts holds both to one contract): the signed
 * tokens already answered. Not kept in memory: the Mailgun route is async and
 * can wait for the read, and in a cluster a retry may reach another node, so
 * the table is the one place every node sees a spent token. Tokens belong to
 * no site: Mailgun signs them for the whole server.
 */
export interface WebhookTokensRepository {
  /**
   * Spends the token, in one statement, and answers whether this call did: false when it was spent
   * already (a replay, or the same request twice at once, on this node or another). Forgets the tokens
   * older than `forgetBefore`, which a stale timestamp refuses anyway, in the same transaction.
   */
  claim(token: string, at: number, forgetBefore: number): Promise<boolean>;
  /** Gives a claimed token back, when its request failed: Mailgun's retry carries it again. */
  release(token: string): Promise<void>;
}
