import { describe, expect, it } from 'vitest';
import type { Cart, CartStage, CartTracked } from '@mostrador/shared';
import type { Ga4Progress } from '@mostrador/shared/shop/cart';
import { addToCart, purchase } from '@mostrador/shared/testing/ga4-events';
import { applyTracked, PAGES_KEPT } from './tracked-cart.ts';

const add = (page: string, ...indexes: number[]): CartTracked => ({
  page,
  entries: indexes.map((index) => ({ index, event: 'add_to_cart', ecommerce: JSON.stringify(addToCart) })),
});

describe('applyTracked', () => {
  it('applies only the entries after the last one applied of their page, and moves that mark on', () => {
    const first = applyTracked(undefined, add('page00001', 1, 4));
    expect(first).toMatchObject({ applied: 2, state: { cart: { items: [{ qty: 6 }] } }, progress: { pages: [['page00001', 4]] } });
    const row = { cart: first.state.cart!, stage: first.state.stage, ga4: first.progress };
    const resent = applyTracked(row, add('page00001', 1, 4, 7));
    expect(resent).toMatchObject({ applied: 1, state: { cart: { items: [{ qty: 9 }] } }, progress: { pages: [['page00001', 7]] } });
    // An older batch arriving late moves nothing back.
    expect(applyTracked({ ...row, ga4: resent.progress }, add('page00001', 1)).progress.pages).toEqual([['page00001', 7]]);
  });

  it(`keeps the marks of the last ${PAGES_KEPT} page loads read, the one just read last`, () => {
    let row: { cart: Cart; stage: CartStage; ga4: Ga4Progress } = {
      cart: { items: [], total: 0, currency: 'USD' },
      stage: 'browsing',
      ga4: { pages: [], purchases: [] },
    };
    for (let i = 0; i <= PAGES_KEPT; i += 1) row = { ...row, ga4: applyTracked(row, add(`page${String(i).padStart(5, '0')}`, 0)).progress };
    row = { ...row, ga4: applyTracked(row, add('page00001', 1)).progress };
    expect(row.ga4.pages).toHaveLength(PAGES_KEPT);
    expect(row.ga4.pages.map(([page]) => page)).not.toContain('page00000');
    expect(row.ga4.pages.at(-1)).toEqual(['page00001', 1]);
  });

  it('names the transaction a purchase counts for the first time as its order number, and none when it was counted', () => {
    const thanks = (page: string, ...ids: unknown[]): CartTracked => ({
      page,
      entries: ids.map((id, index) => ({ index, event: 'purchase', ecommerce: JSON.stringify({ ...purchase, transaction_id: id }) })),
    });
    const bought = applyTracked(undefined, thanks('thanks001', '  T_12345 '));
    expect(bought).toMatchObject({ order: 'T_12345', state: { stage: 'purchase' } });
    const row = { cart: bought.state.cart!, stage: bought.state.stage, ga4: bought.progress };
    // The thank-you page reloaded: a new page load, the same transaction.
    expect(applyTracked(row, thanks('thanks002', 'T_12345')).order).toBeNull();
    expect(applyTracked(row, thanks('thanks003', 1042, 'T_12345')).order).toBe('1042');
    expect(applyTracked(undefined, thanks('thanks004', { id: 'T_1' })).order).toBeNull();
    expect(applyTracked(undefined, add('page00001', 0)).order).toBeNull();
  });

  it('carries the transactions counted from the stored progress, and a cart read another way has none', () => {
    const bought = applyTracked(undefined, {
      page: 'thanks001',
      entries: [{ index: 0, event: 'purchase', ecommerce: JSON.stringify(purchase) }],
    });
    expect(bought.progress.purchases).toEqual(['T_12345']);
    const manual = applyTracked({ cart: bought.state.cart!, stage: 'purchase', ga4: null }, add('page00001', 0));
    expect(manual.progress).toEqual({ pages: [['page00001', 0]], purchases: [] });
  });
});
