import { expect, it } from 'vitest';
import { committerOn, describeOnEngines, insertSite, insertVisitor } from '../../testing/engines.ts';
import { activityRepository } from './activity.module.ts';
import { saveCartInTx } from './cart-write.ts';

const cap = { items: [{ sku: 'CAP', name: 'Gorra', qty: 1, price: 15, url: null, image: null }], total: 15, currency: 'EUR' };

describeOnEngines('saveCartInTx', (engine) => {
  async function shop() {
    await insertSite(engine(), 'site-a');
    await insertVisitor(engine(), 'site-a', 'v1');
    const repo = activityRepository(engine());
    const committer = committerOn(engine());
    const save = (next: Parameters<typeof saveCartInTx>[4], at: number) =>
      committer.run((tx) => saveCartInTx(tx, repo, 'site-a', 'v1', next, at));
    return { repo, save };
  }

  it('keeps the cart with its history, and says the stage it reached', async () => {
    const { repo, save } = await shop();
    expect(await save(() => ({ cart: cap, stage: 'browsing' }), 1_000)).toEqual({
      cart: cap,
      stage: 'browsing',
      updatedAt: 1_000,
      reached: undefined,
    });
    expect(await save(() => ({ cart: cap, stage: 'checkout' }), 2_000)).toMatchObject({ reached: 'checkout' });
    expect((await repo.cartHistory('site-a', 'v1', 10)).changes.map((step) => step.change)).toEqual(['checkout', 'added']);
  });

  it('writes only how far GA4 events were read when the cart is the same, and nothing the agent would see', async () => {
    const { repo, save } = await shop();
    await save(() => ({ cart: cap, stage: 'browsing', ga4: { pages: [['page00001', 0]], purchases: [] } }), 1_000);
    const progress = { pages: [['page00001', 3]] as [string, number][], purchases: [] };
    expect(await save(() => ({ cart: cap, stage: 'browsing', ga4: progress }), 2_000)).toBeNull();
    expect(await repo.cartOf('site-a', 'v1')).toMatchObject({ cart: cap, updatedAt: 1_000, ga4: progress });
  });

  it('keeps the progress stored when a cart read another way arrives, and nothing when told to keep the stored one', async () => {
    const { repo, save } = await shop();
    const progress = { pages: [['page00001', 0]] as [string, number][], purchases: ['T_1'] };
    await save(() => ({ cart: cap, stage: 'browsing', ga4: progress }), 1_000);
    await save(() => ({ cart: { ...cap, total: 20 }, stage: 'browsing' }), 2_000);
    expect(await save(() => null, 3_000)).toBeNull();
    expect(await repo.cartOf('site-a', 'v1')).toMatchObject({ cart: { total: 20 }, updatedAt: 2_000, ga4: progress });
  });

  it('two reports of the same cart at once (two tabs, or two nodes) write its history once', async () => {
    const { repo } = await shop();
    // Two committers, as two nodes have: on PostgreSQL two transactions of their own.
    const [a, b] = [committerOn(engine()), committerOn(engine())];
    const report = (committer: typeof a, at: number) =>
      committer.run((tx) => saveCartInTx(tx, repo, 'site-a', 'v1', () => ({ cart: cap, stage: 'checkout' }), at));
    const saved = await Promise.all([report(a, 1_000), report(b, 1_001), report(a, 1_002), report(b, 1_003)]);
    expect(saved.filter((s) => s !== null)).toHaveLength(1);
    expect((await repo.cartHistory('site-a', 'v1', 10)).changes.map((step) => step.change).sort()).toEqual(['added', 'checkout']);
  });
});
