/**
 * A PostgreSQL URL as it may be printed: its password, if it has one,
 * replaced by `***` (an unreadable URL is not echoed at all).
 */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the PostgreSQL URL given';
  }
}

/** `text` (an error message, say) with the URL's password, as written or decoded, replaced by `***`. */
export function withoutPassword(text: string, url: string): string {
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    return text;
  }
  if (!password) return text;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A lone % is kept as written.
  }
  return [password, decoded].reduce((shown, secret) => shown.replaceAll(secret, '***'), text);
}
