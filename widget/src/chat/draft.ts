import { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';

export type SendResult = 'queued' | 'empty' | 'too-long';

/** Checks a draft against the server's rules before it ever leaves the browser; with files, it may be blank. */
export function checkDraft(draft: string, withFiles = false): SendResult {
  const body = draft.trim();
  if (body === '' && !withFiles) return 'empty';
  if (body.length > MAX_MESSAGE_CHARS) return 'too-long';
  return 'queued';
}
