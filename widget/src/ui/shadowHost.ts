export const HOST_ID = 'mostrador-widget';

export function canAdoptStyleSheets(root: ShadowRoot): boolean {
  const view = root.ownerDocument.defaultView;
  return !!view && 'adoptedStyleSheets' in root && 'replaceSync' in view.CSSStyleSheet.prototype;
}

/**
 * Applies our CSS inside the shadow root. A constructable stylesheet needs no
 * `style-src 'unsafe-inline'` in the shop's CSP; the `<style>` element is the
 * fallback for browsers without adoptedStyleSheets.
 */
export function applyStyles(root: ShadowRoot, css: string, adopt = canAdoptStyleSheets(root)): void {
  const view = root.ownerDocument.defaultView;
  if (adopt && view) {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.append(style);
}

/** One host element at the end of the body; the whole widget renders inside its shadow root. */
export function createShadowHost(doc: Document, css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = doc.createElement('div');
  host.id = HOST_ID;
  const root = host.attachShadow({ mode: 'open' });
  applyStyles(root, css);
  doc.body.append(host);
  return { host, root };
}
