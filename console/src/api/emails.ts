import type { ConversationEmail, ConversationEmails, Result } from '@mostrador/shared';

/** The mails sent (or being sent) to the customer about one conversation, newest first. */
export async function conversationEmails(conversationId: string): Promise<Result<ConversationEmail[]>> {
  try {
    const response = await fetch(`/api/conversations/${encodeURIComponent(conversationId)}/emails`, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return { ok: false, error: { code: response.status === 404 ? 'not_found' : 'internal', message: '' } };
    return { ok: true, data: ((await response.json()) as ConversationEmails).emails };
  } catch {
    return { ok: false, error: { code: 'internal', message: '' } };
  }
}
