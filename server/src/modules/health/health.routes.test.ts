import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/harness.ts';
import type { App } from '../../app.ts';

let app: App;
let dir: string;
afterEach(async () => {
  // One test closes the database under the app, so closing may fail: the folder goes anyway.
  await app.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('health and readiness', () => {
  it('reports a serving single node on SQLite, without Redis, as healthy and ready, and names no version or path', async () => {
    ({ app, dir } = await buildTestApp());
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ ok: true, status: 'serving', engine: 'sqlite', database: 'up', redis: 'off' });
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect([ready.statusCode, ready.json()]).toEqual([200, { ready: true }]);
  });

  it('answers 503 on both when the database stops answering', async () => {
    ({ app, dir } = await buildTestApp());
    // A real failure, not a stand-in: the connection under the app is gone.
    app.sqlite.close();
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect([health.statusCode, health.json()]).toEqual([
      503,
      { ok: false, status: 'serving', engine: 'sqlite', database: 'down', redis: 'off' },
    ]);
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect([ready.statusCode, ready.json()]).toEqual([503, { ready: false }]);
  });

  it('stays healthy but turns unready once draining begins', async () => {
    ({ app, dir } = await buildTestApp());
    app.services.health.beginDrain();
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect([health.statusCode, health.json()]).toEqual([
      200,
      { ok: true, status: 'draining', engine: 'sqlite', database: 'up', redis: 'off' },
    ]);
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect([ready.statusCode, ready.json()]).toEqual([503, { ready: false }]);
  });
});
