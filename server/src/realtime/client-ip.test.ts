import { describe, expect, it } from 'vitest';
import { clientIp, limitKey } from './client-ip.ts';

const request = (remoteAddress: string, forwarded?: string) => ({
  headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
  socket: { remoteAddress },
});

describe('clientIp', () => {
  it('takes the peer address unless the proxy is trusted', () => {
    expect(clientIp(request('10.0.0.1', '203.0.113.9'), false)).toBe('10.0.0.1');
    expect(clientIp(request('10.0.0.1', '203.0.113.9, 10.0.0.2'), true)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.1'), true)).toBe('10.0.0.1');
  });
});

describe('limitKey', () => {
  it('counts IPv4 (also IPv4-mapped) by address and IPv6 by its /64', () => {
    expect(limitKey('203.0.113.9')).toBe('203.0.113.9');
    expect(limitKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(limitKey('2001:db8:1:2:aaaa::1')).toBe(limitKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(limitKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(limitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(limitKey('2001:db8:1:3::1')).not.toBe(limitKey('2001:db8:1:2::1'));
    expect(limitKey('::1')).toBe('0:0:0:0::/64');
  });
});
