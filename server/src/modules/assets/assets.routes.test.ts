import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/harness.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function appWithAssets(withConsole: boolean, prepare?: (widgetFile: string) => void) {
  const { app, dir, cleanup } = await buildTestApp();
  cleanups.push(cleanup);
  await app.close();
  const widgetFile = join(dir, 'widget.js');
  const consoleDir = join(dir, 'console');
  writeFileSync(widgetFile, 'console.log("widget");'.repeat(50));
  mkdirSync(join(dir, 'i18n'));
  writeFileSync(join(dir, 'i18n', 'ca.0123456789.json'), JSON.stringify({ launcherOpen: 'Obre el xat' }));
  mkdirSync(join(dir, 'chunks'));
  writeFileSync(join(dir, 'chunks', 'panel-Ab_9-xYz.js'), 'export function mountPanel() {}'.repeat(20));
  writeFileSync(join(dir, 'chunks', 'notes.txt'), 'not a chunk');
  if (withConsole) {
    mkdirSync(join(consoleDir, 'assets'), { recursive: true });
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Console</title>');
    writeFileSync(join(consoleDir, 'assets', 'app-abc123.js'), 'export {}');
  }
  prepare?.(widgetFile);
  const built = await buildTestApp({ widgetFile, consoleDir });
  cleanups.push(built.cleanup);
  return built.app;
}

describe('widget catalogues', () => {
  it('serves a language by its hashed name, cached for good and readable from any shop', async () => {
    const app = await appWithAssets(false);
    const res = await app.inject({ method: 'GET', url: '/widget/i18n/ca.0123456789.json', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['content-encoding']).toBe('br');
    const plain = await app.inject({ method: 'GET', url: '/widget/i18n/ca.0123456789.json' });
    expect(plain.json()).toEqual({ launcherOpen: 'Obre el xat' });
  });

  it('serves nothing else from that folder', async () => {
    const app = await appWithAssets(false);
    for (const url of ['/widget/i18n/de.0123456789.json', '/widget/i18n/..%2Fwidget.js', '/widget/i18n/ca.json']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });
});

describe('widget chunks', () => {
  it('serves the panel chunk by its hashed name as JavaScript, cached for good, to module imports from any shop', async () => {
    const app = await appWithAssets(false);
    const res = await app.inject({ method: 'GET', url: '/widget/chunks/panel-Ab_9-xYz.js', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString()).toContain('export function mountPanel()');
  });

  it('serves nothing else from that folder', async () => {
    const app = await appWithAssets(false);
    for (const url of [
      '/widget/chunks/notes.txt',
      '/widget/chunks/panel-Ab_9-xYz0.js',
      '/widget/chunks/..%2Fwidget.js',
      '/widget/chunks/panel.js',
    ]) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });
});

describe('widget.js', () => {
  it('is served compressed, cacheable and revalidated by ETag', async () => {
    const app = await appWithAssets(false);
    const res = await app.inject({ method: 'GET', url: '/widget.js', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toContain('max-age=300');
    expect(gunzipSync(res.rawPayload).toString()).toContain('console.log("widget")');

    const again = await app.inject({
      method: 'GET',
      url: '/widget.js',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('prefers brotli and falls back to plain text', async () => {
    const app = await appWithAssets(false);
    const br = await app.inject({ method: 'GET', url: '/widget.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    const plain = await app.inject({ method: 'GET', url: '/widget.js', headers: { 'accept-encoding': '' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.startsWith('console.log')).toBe(true);
  });

  it('serves the build’s own compression of the file as it is, and never one left from another build', async () => {
    const script = 'console.log("widget");'.repeat(50);
    // Level 1 makes bytes of its own, which only the build's file can have given.
    const built = gzipSync(script, { level: 1 });
    const app = await appWithAssets(false, (widgetFile) => {
      writeFileSync(`${widgetFile}.gz`, built);
      writeFileSync(`${widgetFile}.br`, brotliCompressSync('console.log("an older widget");'));
    });
    const gzip = await app.inject({ method: 'GET', url: '/widget.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.rawPayload.equals(built)).toBe(true);
    const br = await app.inject({ method: 'GET', url: '/widget.js', headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
  });
});

describe('console', () => {
  it('serves the app, its deep links, and immutable hashed assets', async () => {
    const app = await appWithAssets(true);
    const index = await app.inject({ method: 'GET', url: '/console/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>Console</title>');
    expect(index.headers['cache-control']).toBe('no-cache');

    const deepLink = await app.inject({ method: 'GET', url: '/console/conversations/cnv_x' });
    expect(deepLink.body).toContain('<title>Console</title>');

    const asset = await app.inject({ method: 'GET', url: '/console/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('says plainly when it has not been built', async () => {
    const app = await appWithAssets(false);
    const res = await app.inject({ method: 'GET', url: '/console/' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message).toBe('Console not built');
  });
});
