/** What the embed snippet tells us: `<script async src="https://CHAT-HOST/widget.js" data-site="SITE_KEY">`. */
export interface ScriptConfig {
  /** Where the chat server is: the origin the script was loaded from. */
  serverOrigin: string;
  siteKey: string;
  /** `data-lang`, if the merchant forced a language. */
  lang: string | null;
}

/**
 * Our own `<script>` element. `document.currentScript` works for async
 * classic scripts but only while the script first runs; the selector is the
 * fallback for the rare loaders that leave it null.
 */
export function findOwnScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.site) return current;
  return doc.querySelector<HTMLScriptElement>('script[src$="/widget.js"][data-site]');
}

export function readScriptConfig(script: HTMLScriptElement | null): ScriptConfig | null {
  const siteKey = script?.dataset.site;
  if (!script || !siteKey) return null;
  try {
    return { serverOrigin: new URL(script.src).origin, siteKey, lang: script.dataset.lang || null };
  } catch {
    return null;
  }
}
