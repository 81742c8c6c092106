import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/harness.ts';
import { eventually, startPrivateRedis } from '../../testing/redis.ts';
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

  it('reports Redis up when the node has one, down (503, unready) while it is away, and up again once it is back', async () => {
    const redis = await startPrivateRedis();
    try {
      ({ app, dir } = await buildTestApp({ redisUrl: redis.url }));
      const report = async () => {
        const response = await app.inject({ method: 'GET', url: '/api/health' });
        return [response.statusCode, response.json()] as const;
      };
      await eventually('Redis answers', async () => (await report())[0] === 200);
      expect(await report()).toEqual([200, { ok: true, status: 'serving', engine: 'sqlite', database: 'up', redis: 'up' }]);
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).json()).toEqual({ ready: true });

      await redis.kill();
      await eventually('Redis is seen down', async () => (await report())[0] === 503);
      expect(await report()).toEqual([503, { ok: false, status: 'serving', engine: 'sqlite', database: 'up', redis: 'down' }]);
      const ready = await app.inject({ method: 'GET', url: '/api/ready' });
      expect([ready.statusCode, ready.json()]).toEqual([503, { ready: false }]);

      await redis.start();
      await eventually('Redis is back', async () => (await report())[0] === 200);
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).json()).toEqual({ ready: true });
    } finally {
      await redis.kill();
    }
  });

  it('starts with a Redis it cannot reach, saying so quickly: unready, and health names Redis as the part down', async () => {
    const redis = await startPrivateRedis();
    await redis.kill();
    ({ app, dir } = await buildTestApp({ redisUrl: redis.url }));
    const started = Date.now();
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect([health.statusCode, health.json()]).toEqual([
      503,
      { ok: false, status: 'serving', engine: 'sqlite', database: 'up', redis: 'down' },
    ]);
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect([ready.statusCode, ready.json()]).toEqual([503, { ready: false }]);
    // A balancer's probe never waits on the dead link.
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
