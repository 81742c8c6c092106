import { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';

export type SendResult = 'queued' | 'empty' | 'too-long';

/** Checks a draft against the server's rules before it ever leaves the browser. */
export function checkDraft(draft: string): SendResult {
  const body = draft.trim();
  if (body === '') return 'empty';
  if (body.length > MAX_MESSAGE_CHARS) return 'too-long';
  return 'queued';
}
