/**
 * The reply-to address that threads a shopper's email answer back into its
 * conversation: `reply+<token>@<domain>`.
 *
 * The token is the conversation id's 96 random bits written in lowercase hex,
 * so it is as unguessable as the id and survives mail systems that fold the
 * local part to one case (base64url would not). It is a capability only
 * together with the sender check the inbound side makes.
 */
const TOKEN = /^[0-9a-f]{24}$/;

/** An id's 96 random bits in lowercase hex: `<prefix>_<base64url>` → 24 hex digits. */
function tokenOf(id: string, prefix: string): string {
  if (!id.startsWith(`${prefix}_`)) throw new Error(`not a ${prefix} id`);
  const token = Buffer.from(id.slice(prefix.length + 1), 'base64url').toString('hex');
  if (!TOKEN.test(token)) throw new Error(`not a ${prefix} id`);
  return token;
}

/** The id a `<tag>+<token>@<domain>` address names, any case; null for another tag, domain or shape. */
function idOfAddress(address: string, tag: string, domain: string, prefix: string): string | null {
  const match = /^([a-z]+)\+([0-9a-f]{24})@(.+)$/.exec(address.trim().toLowerCase());
  if (!match?.[2] || match[1] !== tag || match[3] !== domain.toLowerCase()) return null;
  return `${prefix}_${Buffer.from(match[2], 'hex').toString('base64url')}`;
}

export function replyToken(conversationId: string): string {
  return tokenOf(conversationId, 'cnv');
}

export function replyAddress(conversationId: string, domain: string): string {
  return `reply+${replyToken(conversationId)}@${domain}`;
}

/**
 * The conversation an inbound address names, or null. Accepts any case and a
 * display-name form's bare address; refuses another domain, so mail for
 * someone else's `reply+…` is never threaded here.
 */
export function conversationIdFromAddress(address: string, domain: string): string | null {
  return idOfAddress(address, 'reply', domain, 'cnv');
}

/**
 * The envelope sender (VERP) of one outbox mail: `bounce+<token>@<domain>`,
 * the token being the row id's random bits in hex, so a delivery status
 * notification comes back to an address that names the mail it is about.
 */
export function bounceAddress(outboxId: string, domain: string): string {
  return `bounce+${tokenOf(outboxId, 'eml')}@${domain}`;
}

/** The outbox row a bounce address names, or null (another domain or shape). */
export function outboxIdFromBounceAddress(address: string, domain: string): string | null {
  return idOfAddress(address, 'bounce', domain, 'eml');
}
