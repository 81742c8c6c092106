import { describe, expect, it } from 'vitest';
import { parseUserAgent } from './user-agent.ts';

describe('parseUserAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      { type: 'desktop', os: 'Windows', browser: 'Chrome 131' },
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      { type: 'mobile', os: 'iOS', browser: 'Safari 18' },
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
      { type: 'mobile', os: 'Android', browser: 'Samsung Internet 26' },
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      { type: 'tablet', os: 'iOS', browser: 'Safari 17' },
    ],
    [
      'Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      { type: 'tablet', os: 'Android', browser: 'Chrome 120' },
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0',
      { type: 'desktop', os: 'macOS', browser: 'Firefox 133' },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
      { type: 'desktop', os: 'Windows', browser: 'Edge 131' },
    ],
    [
      'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
      { type: 'desktop', os: 'ChromeOS', browser: 'Chrome 130' },
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', { type: 'desktop', os: 'Linux', browser: 'Firefox 133' }],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/114.0.0.0',
      { type: 'desktop', os: 'Windows', browser: 'Opera 114' },
    ],
    // A Safari version with no minor part.
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18 Safari/605.1.15',
      { type: 'desktop', os: 'macOS', browser: 'Safari 18' },
    ],
  ])('reads %s', (ua, device) => {
    expect(parseUserAgent(ua)).toEqual(device);
  });

  it('reads an unknown or missing user agent as a desktop with no names', () => {
    expect(parseUserAgent(undefined)).toEqual({ type: 'desktop', os: null, browser: null });
    expect(parseUserAgent('curl/8.5.0')).toEqual({ type: 'desktop', os: null, browser: null });
  });
});
