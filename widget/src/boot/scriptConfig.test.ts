import { afterEach, describe, expect, it } from 'vitest';
import { findOwnScript, readScriptConfig } from './scriptConfig.ts';

afterEach(() => document.head.replaceChildren());

function addScript(src: string, attrs: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = src;
  script.type = 'text/plain'; // never executed by jsdom
  for (const [name, value] of Object.entries(attrs)) script.setAttribute(name, value);
  document.head.append(script);
  return script;
}

describe('script config', () => {
  it('reads the server origin from src and the site key and language from data attributes', () => {
    const script = addScript('https://chat.example.com/widget.js?v=3', { 'data-site': 'site_key_1', 'data-lang': 'ca' });
    expect(readScriptConfig(script)).toEqual({
      serverOrigin: 'https://chat.example.com',
      siteKey: 'site_key_1',
      lang: 'ca',
    });
  });

  it('finds the snippet by selector when currentScript is null', () => {
    addScript('https://cdn.example.com/other.js', {});
    const ours = addScript('https://chat.example.com/widget.js', { 'data-site': 'k' });
    expect(findOwnScript(document)).toBe(ours);
    expect(readScriptConfig(ours)?.lang).toBeNull();
  });

  it('gives nothing without a site key', () => {
    expect(readScriptConfig(addScript('https://chat.example.com/widget.js', {}))).toBeNull();
    expect(readScriptConfig(null)).toBeNull();
  });
});
