import type { Cart, CartChange, CartStage } from '@mostrador/shared';

export interface CartState {
  cart: Cart;
  stage: CartStage;
  /** At a purchase: the order number this report is the first to tell (a transaction not counted before). */
  order?: string | null;
}

const keyOf = (item: Cart['items'][number]) => item.sku ?? `name:${item.name}`;

/**
 * The steps between two reports of a cart, in the words the agent reads:
 * lines added or removed, quantities changed, checkout started, purchase
 * made (with its order number, when the shop told one). A report that
 * changes nothing yields no step, so the widget may repeat its cart freely
 * (it does after every reconnect).
 */
export function cartChanges(previous: CartState | null, next: CartState, at: number): CartChange[] {
  const { total, currency } = next.cart;
  const step = (change: CartChange['change'], item: Cart['items'][number] | null, qty: number | null): CartChange => ({
    at,
    change,
    item: item ? { name: item.name, sku: item.sku } : null,
    qty,
    total,
    currency,
  });

  if (next.stage === 'purchase') {
    // An order number not told before is a new purchase, even straight after another; without one, a purchase told again is the same.
    if (previous?.stage === 'purchase' && !next.order) return [];
    return [{ ...step('purchase', null, null), order: next.order ?? null }];
  }

  const before = new Map((previous?.stage === 'purchase' ? [] : (previous?.cart.items ?? [])).map((i) => [keyOf(i), i]));
  const changes: CartChange[] = [];
  if (next.cart.items.length === 0 && before.size > 1) {
    changes.push(step('cleared', null, null));
  } else {
    for (const item of next.cart.items) {
      const old = before.get(keyOf(item));
      if (!old) changes.push(step('added', item, item.qty));
      else if (old.qty !== item.qty) changes.push(step('quantity', item, item.qty));
      before.delete(keyOf(item));
    }
    for (const gone of before.values()) changes.push(step('removed', gone, gone.qty));
  }
  if (next.stage === 'checkout' && previous?.stage !== 'checkout') changes.push(step('checkout', null, null));
  return changes;
}
