import { afterEach, describe, expect, it } from 'vitest';
import { applyStyles, canAdoptStyleSheets, createShadowHost, HOST_ID } from './shadowHost.ts';

afterEach(() => document.body.replaceChildren());

const CSS = '.x { color: red; }';

/** A shadow root as a browser with constructable stylesheets shows it (jsdom has none). */
function rootWithAdoption() {
  class FakeSheet {
    text = '';
    replaceSync(css: string) {
      this.text = css;
    }
  }
  const appended: unknown[] = [];
  const root = {
    adoptedStyleSheets: [] as FakeSheet[],
    ownerDocument: { defaultView: { CSSStyleSheet: FakeSheet } },
    append: (node: unknown) => appended.push(node),
  };
  return { root, appended, asShadowRoot: root as unknown as ShadowRoot };
}

describe('shadow host', () => {
  it('appends one #mostrador-widget host with an open shadow root to the body', () => {
    const { host, root } = createShadowHost(document, CSS);
    expect(document.body.lastElementChild).toBe(host);
    expect(host.id).toBe(HOST_ID);
    expect(host.shadowRoot).toBe(root);
  });

  it('applies the CSS inside the shadow root, never to the page', () => {
    const { root } = createShadowHost(document, CSS);
    // jsdom has no constructable stylesheets, so this is the <style> fallback; the next tests cover adoption.
    expect(canAdoptStyleSheets(root)).toBe(false);
    expect([...root.querySelectorAll('style')].map((style) => style.textContent)).toEqual([CSS]);
    expect(document.querySelectorAll('style')).toHaveLength(0);
  });

  it('adopts a constructable stylesheet when supported, adding no <style> element', () => {
    const { root, appended, asShadowRoot } = rootWithAdoption();
    applyStyles(asShadowRoot, CSS);
    expect(root.adoptedStyleSheets.map((sheet) => sheet.text)).toEqual([CSS]);
    expect(appended).toEqual([]);
  });

  it('falls back to a <style> element inside the shadow root', () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    applyStyles(root, CSS, false);
    expect(root.querySelector('style')?.textContent).toBe(CSS);
  });
});
