import { MAX_REFUSED_ORIGINS } from '@mostrador/shared';
import { describe, expect, it } from 'vitest';
import { REFUSAL_LOG_INTERVAL_MS, RefusedOrigins } from './refused-origins.ts';

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
});
