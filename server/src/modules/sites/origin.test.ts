import { describe, expect, it } from 'vitest';
import { isOriginAllowed, serverOriginOf } from './origin.ts';

describe('isOriginAllowed', () => {
  const server = 'http://chat.example:3000';

  it('accepts listed origins, ignoring a trailing slash or path', () => {
    expect(isOriginAllowed('https://shop.example', ['https://shop.example/'], server)).toBe(true);
  });

  it('refuses other origins, other schemes and other ports', () => {
    const allowed = ['https://shop.example'];
    expect(isOriginAllowed('https://evil.example', allowed, server)).toBe(false);
    expect(isOriginAllowed('http://shop.example', allowed, server)).toBe(false);
    expect(isOriginAllowed('https://shop.example:8443', allowed, server)).toBe(false);
    expect(isOriginAllowed('https://shop.example.evil.example', allowed, server)).toBe(false);
  });

  it('refuses a missing, opaque or malformed origin', () => {
    expect(isOriginAllowed(undefined, ['https://shop.example'], server)).toBe(false);
    expect(isOriginAllowed('null', ['null'], server)).toBe(false);
    expect(isOriginAllowed('file:///etc', ['file:///etc'], server)).toBe(false);
  });

  it('reads "self" as the Mostrador server’s own origin', () => {
    expect(isOriginAllowed(server, ['self'], server)).toBe(true);
    expect(isOriginAllowed('https://shop.example', ['self'], server)).toBe(false);
  });
});

describe('serverOriginOf', () => {
  it('uses the Host header, and X-Forwarded-Proto only behind a trusted proxy', () => {
    const headers = { host: 'chat.example', 'x-forwarded-proto': 'https' };
    expect(serverOriginOf(headers, false)).toBe('http://chat.example');
    expect(serverOriginOf(headers, true)).toBe('https://chat.example');
  });
});
