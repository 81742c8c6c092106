import { afterEach, describe, expect, it } from 'vitest';
import { applyStyles, createShadowHost, HOST_ID } from './shadowHost.ts';

afterEach(() => document.body.replaceChildren());

describe('shadow host', () => {
  it('appends one #mostrador-widget host with an open shadow root to the body', () => {
    const { host, root } = createShadowHost(document, '.x { color: red; }');
    expect(document.body.lastElementChild).toBe(host);
    expect(host.id).toBe(HOST_ID);
    expect(host.shadowRoot).toBe(root);
  });

  it('adopts a constructable stylesheet when supported, adding no <style> element', () => {
    const { root } = createShadowHost(document, '.x { color: red; }');
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(root.querySelector('style')).toBeNull();
  });

  it('falls back to a <style> element inside the shadow root', () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    applyStyles(root, '.x { color: red; }', false);
    expect(root.querySelector('style')?.textContent).toBe('.x { color: red; }');
    expect(document.head.querySelector('style')).toBeNull();
  });
});
