import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTestApp } from '../../testing/harness.ts';
import type { App } from '../../app.ts';

let app: App;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
});

afterEach(async () => {
  vi.useRealTimers();
  await cleanup();
});

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

describe('visits', () => {
  it('counts a new visit after 30 minutes away, not on every page', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
    const site = app.services.sites.create({ name: 'Shop', allowedOrigins: [] });
    const { visitor, token } = app.services.visitors.identify(site.id, undefined, IPHONE);
    expect(visitor).toMatchObject({ visits: 1, device: { type: 'mobile', os: 'iOS', browser: 'Safari 18' } });

    vi.setSystemTime(new Date('2026-12-01T10:20:00Z'));
    expect(app.services.visitors.identify(site.id, token).visitor.visits).toBe(1);
    vi.setSystemTime(new Date('2026-12-01T10:51:00Z'));
    const back = app.services.visitors.identify(site.id, token).visitor;
    expect(back.visits).toBe(2);
    expect(back.visitStartedAt).toBe(Date.parse('2026-12-01T10:51:00Z'));
  });
});
