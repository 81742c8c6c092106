import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../config.ts';
import { buildTestApp } from '../testing/harness.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** An app serving a stand-in widget, one catalogue and a built console. */
async function appWithAssets(overrides: Partial<Config> = {}) {
  const first = await buildTestApp();
  cleanups.push(first.cleanup);
  const widgetFile = join(first.dir, 'widget.js');
  const consoleDir = join(first.dir, 'console');
  writeFileSync(widgetFile, 'console.log("widget");');
  mkdirSync(join(first.dir, 'i18n'));
  writeFileSync(join(first.dir, 'i18n', 'ca.0123456789.json'), '{}');
  mkdirSync(join(consoleDir, 'assets'), { recursive: true });
  writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Console</title>');
  writeFileSync(join(consoleDir, 'assets', 'app-abc123.js'), 'export {}');
  const built = await buildTestApp({ widgetFile, consoleDir, ...overrides });
  cleanups.push(built.cleanup);
  return built.app;
}

function directives(header: unknown): Map<string, string> {
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

const EVERYWHERE = [
  '/console/',
  '/console/assets/app-abc123.js',
  '/api/health',
  '/api/auth/me',
  '/widget.js',
  '/widget/i18n/ca.0123456789.json',
  '/nowhere',
];

describe('security headers', () => {
  it('give the console a strict CSP with no inline code and no framing', async () => {
    const app = await appWithAssets();
    for (const url of ['/console/', '/console/conversations/cnv_1']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('style-src')).toBe("'self'");
      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(String(res.headers['content-security-policy'])).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('send nosniff, no-referrer and deny framing on every route, API and errors included', async () => {
    const app = await appWithAssets();
    for (const url of EVERYWHERE) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    const api = await app.inject({ method: 'GET', url: '/api/health' });
    expect(directives(api.headers['content-security-policy']).get('frame-ancestors')).toBe("'none'");
    expect(api.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('add HSTS when the server sits behind TLS', async () => {
    const app = await appWithAssets({ secureCookies: true });
    for (const url of EVERYWHERE) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('let every shop load widget.js and its catalogues, revalidated and cached for good respectively', async () => {
    const app = await appWithAssets();
    const widget = await app.inject({ method: 'GET', url: '/widget.js' });
    expect(widget.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(widget.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(widget.headers.etag).toBeTruthy();
    const catalogue = await app.inject({ method: 'GET', url: '/widget/i18n/ca.0123456789.json' });
    expect(catalogue.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(catalogue.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
