import { maskCardNumbers, mayHoldCardNumber } from '@mostrador/shared/cardMask';
import type { CommandHandlers } from './commands.ts';

/**
 * Identifiers are matched, never shown, and `identify`'s `id` is signed by
 * its `hash`: masking either would only break them.
 */
const isIdentifier = (key: string) => key === 'id' || key === 'hash' || key.endsWith('Id');

/**
 * Masks card numbers in every string of a parsed payload (message bodies,
 * drafts, names, page titles, cart lines…), in place: the payload is the
 * command's own copy, fresh from zod. Most strings fail the first test,
 * which allocates nothing, so the message path does not pay for Luhn.
 */
export function maskCardsIn(value: unknown): unknown {
  if (typeof value === 'string') return mayHoldCardNumber(value) ? maskCardNumbers(value) : value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = maskCardsIn(value[i]);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!isIdentifier(key)) record[key] = maskCardsIn(record[key]);
    }
  }
  return value;
}

/**
 * The server's own masking of card numbers, at the edge: a client that skips
 * the widget gets its text masked before any handler stores, broadcasts or
 * logs it. Wraps a namespace's handlers as they are registered.
 */
export function maskingCardNumbers<Events>(handlers: CommandHandlers<Events>): CommandHandlers<Events> {
  const masked: Record<string, (payload: unknown) => unknown> = {};
  for (const [name, handle] of Object.entries(handlers) as Array<[string, (payload: unknown) => unknown]>) {
    masked[name] = (payload) => handle(maskCardsIn(payload));
  }
  return masked as CommandHandlers<Events>;
}
