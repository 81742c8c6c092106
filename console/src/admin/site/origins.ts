/**
 * The textarea holds one origin per line; the server wants a list. Blank
 * lines and repeats are dropped so a stray newline never becomes an origin.
 */
export function parseOrigins(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const origin = line.trim();
    if (origin !== '') seen.add(origin);
  }
  return [...seen];
}

export function formatOrigins(origins: readonly string[]): string {
  return origins.join('\n');
}

/** Attribute-safe, although site keys are server-generated tokens today. */
function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The tag a merchant pastes into the shop: the widget is served by this same server. */
export function scriptTagFor(serverOrigin: string, siteKey: string): string {
  const src = `${escapeAttribute(serverOrigin)}/widget.js`;
  return `<script async src="${src}" data-site="${escapeAttribute(siteKey)}"></script>`;
}
