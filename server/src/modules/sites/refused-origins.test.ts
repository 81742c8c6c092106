import { MAX_REFUSED_ORIGINS } from '@mostrador/shared';
import { describe, expect, it } from 'vitest';
import { InMemoryDirectory } from '../../realtime/node-directory.ts';
import { REFUSAL_LOG_INTERVAL_MS, REFUSAL_SHARE_INTERVAL_MS, RefusedOrigins, type SharedRefusal } from './refused-origins.ts';

function setup() {
  let now = 1_000_000;
  const warnings: Array<{ details: object; message: string }> = [];
  const refused = new RefusedOrigins({ warn: (details, message) => warnings.push({ details, message }) }, () => now);
  return { refused, warnings, advance: (ms: number) => (now += ms), now: () => now };
}

describe('refused origins', () => {
  it('logs one warning per origin per hour, however many handshakes it refuses', () => {
    const { refused, warnings, advance, now } = setup();
    refused.record('site_1', 'https://shop.example');
    refused.record('site_1', 'https://shop.example');
    advance(REFUSAL_LOG_INTERVAL_MS - 1);
    refused.record('site_1', 'https://shop.example/cart');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.details).toEqual({ siteId: 'site_1', origin: 'https://shop.example' });
    expect(warnings[0]!.message).toContain('Site and widget');

    // Another origin, or another site, has its own hour.
    refused.record('site_1', 'https://www.shop.example');
    refused.record('site_2', 'https://shop.example');
    expect(warnings).toHaveLength(3);

    advance(1);
    refused.record('site_1', 'https://shop.example');
    expect(warnings).toHaveLength(4);
    expect(refused.list('site_1')[0]).toEqual({ origin: 'https://shop.example', lastSeenAt: now(), count: 4 });
  });

  it('keeps only well-formed origins, the most recently seen first, and a bounded number per site', () => {
    const { refused, warnings, advance } = setup();
    for (const junk of [undefined, '', 'null', 'javascript:alert(1)', 'not an origin', `https://${'a'.repeat(250)}.example`]) {
      refused.record('site_1', junk);
    }
    expect(refused.list('site_1')).toEqual([]);
    expect(warnings).toEqual([]);

    for (let i = 0; i < MAX_REFUSED_ORIGINS + 5; i += 1) {
      refused.record('site_1', `https://shop${i}.example`);
      advance(1_000);
    }
    // The oldest kept (0–4 are gone), seen again: it moves to the front, and the next newcomer drops the one after it.
    refused.record('site_1', 'https://shop5.example');
    refused.record('site_1', 'https://newcomer.example');
    const listed = refused.list('site_1').map((r) => r.origin);
    expect(listed).toHaveLength(MAX_REFUSED_ORIGINS);
    expect(listed.slice(0, 3)).toEqual([
      'https://newcomer.example',
      'https://shop5.example',
      `https://shop${MAX_REFUSED_ORIGINS + 4}.example`,
    ]);
    expect(listed).not.toContain('https://shop4.example');
    expect(listed).not.toContain('https://shop6.example');
    expect(listed.at(-1)).toBe('https://shop7.example');
    expect(refused.list('site_2')).toEqual([]);
  });

  it('forgets an origin once it is allowed', () => {
    const { refused } = setup();
    refused.record('site_1', 'https://shop.example');
    refused.record('site_1', 'https://other.example');
    refused.forget('site_1', 'https://shop.example');
    expect(refused.list('site_1').map((r) => r.origin)).toEqual(['https://other.example']);
  });

  it('tells the other nodes an origin when first refused, then at most once a minute, and what it forgets or drops', () => {
    let now = 1_000_000;
    const told: Array<[string, string, SharedRefusal | null]> = [];
    const directory = new (class extends InMemoryDirectory<SharedRefusal> {
      override put(scope: string, id: string, value: SharedRefusal) {
        told.push([scope, id, value]);
        super.put(scope, id, value);
      }
      override remove(scope: string, id: string) {
        told.push([scope, id, null]);
        super.remove(scope, id);
      }
    })('node-a');
    const refused = new RefusedOrigins({ warn: () => undefined }, () => now, directory);
    for (let i = 0; i < 100; i += 1) {
      refused.record('site_1', 'https://shop.example');
      now += 1_000;
    }
    // Seen at 0 s and again from 60 s on: told twice, not a hundred times.
    expect(told).toEqual([
      ['site_1', 'https://shop.example', { lastSeenAt: 1_000_000, count: 1 }],
      ['site_1', 'https://shop.example', { lastSeenAt: 1_000_000 + REFUSAL_SHARE_INTERVAL_MS, count: 61 }],
    ]);
    // Its own entries are never counted twice in its list.
    expect(refused.list('site_1')).toEqual([{ origin: 'https://shop.example', lastSeenAt: now - 1_000, count: 100 }]);
    refused.forget('site_1', 'https://shop.example');
    expect(told.at(-1)).toEqual(['site_1', 'https://shop.example', null]);
    expect(directory.entries('site_1')).toEqual([]);

    for (let i = 0; i <= MAX_REFUSED_ORIGINS; i += 1) refused.record('site_1', `https://shop${i}.example`);
    expect(told.at(-2)).toEqual(['site_1', 'https://shop0.example', null]);
    expect(directory.holds('site_1', 'https://shop0.example')).toBe(false);
  });
});
