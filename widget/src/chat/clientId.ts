import { CLIENT_ID_MAX, CLIENT_ID_MIN } from '@mostrador/shared/limits';

const CLIENT_ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${CLIENT_ID_MIN},${CLIENT_ID_MAX}}$`);

export function isValidClientId(value: string): boolean {
  return CLIENT_ID_PATTERN.test(value);
}

/**
 * A fresh id for an outgoing message. `randomUUID` exists only in secure
 * contexts, and shops on plain http still deserve a chat; random hex fills in.
 */
export function newClientId(source: Partial<Crypto> | null = globalThis.crypto ?? null): string {
  if (typeof source?.randomUUID === 'function') return source.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof source?.getRandomValues === 'function') {
    source.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
