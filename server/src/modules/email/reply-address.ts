/**
 * The reply-to address that threads a shopper's email answer back into its
 * conversation: `reply+<token>@<domain>`.
 *
 * The token is the conversation id's 96 random bits written in lowercase hex,
 * so it is as unguessable as the id and survives mail systems that fold the
 * local part to one case (base64url would not). It is a capability only
 * together with the sender check the inbound side makes.
 */
const ID_PREFIX = 'cnv_';
const TOKEN = /^[0-9a-f]{24}$/;

export function replyToken(conversationId: string): string {
  if (!conversationId.startsWith(ID_PREFIX)) throw new Error('not a conversation id');
  const token = Buffer.from(conversationId.slice(ID_PREFIX.length), 'base64url').toString('hex');
  if (!TOKEN.test(token)) throw new Error('not a conversation id');
  return token;
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
  const match = /^reply\+([0-9a-f]{24})@(.+)$/.exec(address.trim().toLowerCase());
  if (!match?.[1] || match[2] !== domain.toLowerCase()) return null;
  return ID_PREFIX + Buffer.from(match[1], 'hex').toString('base64url');
}
