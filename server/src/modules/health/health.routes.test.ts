import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/harness.ts';
import { eventually, startPrivateRedis } from '../../testing/redis.ts';
import type { App } from '../../app.ts';

let app: App;
let cleanup: () => Promise<void>;
afterEach(async () => {
  // One test closes the database under the app, so closing may fail: its files (or database) go anyway.
  await app.close().catch(() => undefined);
  await cleanup();
});

/** The engine the test app runs on, as health names it. */
const engine = () => app.engine.kind;

/** Closes the app's connection to its database under it: a real failure, not a stand-in. */
async function loseDatabase(): Promise<void> {
  if (app.engine.kind === 'sqlite') app.engine.db.$client.close();
  else await app.engine.db.$client.end();
}

describe('health and readiness', () => {
  it('reports a serving single node without Redis as healthy and ready, with its engine, and names no version or path', async () => {
    ({ app, cleanup } = await buildTestApp());
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ ok: true, status: 'serving', engine: engine(), database: 'up', redis: 'off' });
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect([ready.statusCode, ready.json()]).toEqual([200, { ready: true }]);
  });

  it('answers 503 on both when the database stops answering', async () => {
    ({ app, cleanup } = await buildTestApp());
    await loseDatabase();
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect([health.statusCode, health.json()]).toEqual([
      503,
      { ok: false, status: 'serving', engine: engine(), database: 'down', redis: 'off' },
    ]);
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect([ready.statusCode, ready.json()]).toEqual([503, { ready: false }]);
  });

  it('stays healthy but turns unready once draining begins', async () => {
    ({ app, cleanup } = await buildTestApp());
    app.services.health.beginDrain();
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect([health.statusCode, health.json()]).toEqual([
      200,
      { ok: true, status: 'draining', engine: engine(), database: 'up', redis: 'off' },
    ]);
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect([ready.statusCode, ready.json()]).toEqual([503, { ready: false }]);
  });

  it('reports Redis up when the node has one, down (503, unready) while it is away, and up again once it is back', async () => {
    const redis = await startPrivateRedis();
    try {
      ({ app, cleanup } = await buildTestApp({ redisUrl: redis.url }));
      const report = async () => {
        const response = await app.inject({ method: 'GET', url: '/api/health' });
        return [response.statusCode, response.json()] as const;
      };
      await eventually('Redis answers', async () => (await report())[0] === 200);
      expect(await report()).toEqual([200, { ok: true, status: 'serving', engine: engine(), database: 'up', redis: 'up' }]);
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).json()).toEqual({ ready: true });

      await redis.kill();
      await eventually('Redis is seen down', async () => (await report())[0] === 503);
      expect(await report()).toEqual([503, { ok: false, status: 'serving', engine: engine(), database: 'up', redis: 'down' }]);
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
    ({ app, cleanup } = await buildTestApp({ redisUrl: redis.url }));
    const started = Date.now();
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect([health.statusCode, health.json()]).toEqual([
      503,
      { ok: false, status: 'serving', engine: engine(), database: 'up', redis: 'down' },
    ]);
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect([ready.statusCode, ready.json()]).toEqual([503, { ready: false }]);
    // A balancer's probe never waits on the dead link.
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
