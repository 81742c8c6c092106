import { describe, expect, it } from 'vitest';
import { isValidClientId, newClientId } from './clientId.ts';

describe('newClientId', () => {
  it('uses randomUUID when available', () => {
    const id = newClientId({ randomUUID: () => '123e4567-e89b-12d3-a456-426614174000' });
    expect(id).toBe('123e4567-e89b-12d3-a456-426614174000');
    expect(isValidClientId(id)).toBe(true);
  });

  it('falls back to random hex without randomUUID, or without crypto at all', () => {
    const fromBytes = newClientId({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => a });
    expect(fromBytes).toBe('0'.repeat(32));
    const noCrypto = newClientId(null);
    expect(noCrypto).toMatch(/^[0-9a-f]{32}$/);
    expect(isValidClientId(noCrypto)).toBe(true);
    expect(newClientId(null)).not.toBe(noCrypto);
  });
});
