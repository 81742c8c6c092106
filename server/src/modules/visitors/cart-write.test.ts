import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../testing/harness.ts';
import { ActivityRepository } from './activity.repository.ts';
import { saveCartInTx } from './cart-write.ts';

let app: App;
let cleanup: () => Promise<void>;
let repo: ActivityRepository;
let siteId: string;
let visitorId: string;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  repo = new ActivityRepository(app.db);
  siteId = (await app.services.sites.create({ name: 'Shop', allowedOrigins: [] })).id;
  visitorId = app.services.visitors.identify(siteId, undefined).visitor.id;
});
afterEach(() => cleanup());

const cap = { items: [{ sku: 'CAP', name: 'Gorra', qty: 1, price: 15, url: null, image: null }], total: 15, currency: 'EUR' };
const save = (next: Parameters<typeof saveCartInTx>[3], at: number) =>
  app.groupCommit.run(() => saveCartInTx(repo, siteId, visitorId, next, at));

describe('saveCartInTx', () => {
  it('keeps the cart with its history, and says the stage it reached', async () => {
    expect(await save(() => ({ cart: cap, stage: 'browsing' }), 1_000)).toEqual({
      cart: cap,
      stage: 'browsing',
      updatedAt: 1_000,
      reached: undefined,
    });
    expect(await save(() => ({ cart: cap, stage: 'checkout' }), 2_000)).toMatchObject({ reached: 'checkout' });
    expect(repo.cartHistory(siteId, visitorId, 10).map((step) => step.change)).toEqual(['checkout', 'added']);
  });

  it('writes only how far GA4 events were read when the cart is the same, and nothing the agent would see', async () => {
    await save(() => ({ cart: cap, stage: 'browsing', ga4: { pages: [['page00001', 0]], purchases: [] } }), 1_000);
    const progress = { pages: [['page00001', 3]] as [string, number][], purchases: [] };
    expect(await save(() => ({ cart: cap, stage: 'browsing', ga4: progress }), 2_000)).toBeNull();
    expect(repo.cartOf(siteId, visitorId)).toMatchObject({ cart: cap, updatedAt: 1_000, ga4: progress });
  });

  it('keeps the progress stored when a cart read another way arrives, and nothing when told to keep the stored one', async () => {
    const progress = { pages: [['page00001', 0]] as [string, number][], purchases: ['T_1'] };
    await save(() => ({ cart: cap, stage: 'browsing', ga4: progress }), 1_000);
    await save(() => ({ cart: { ...cap, total: 20 }, stage: 'browsing' }), 2_000);
    expect(await save(() => null, 3_000)).toBeNull();
    expect(repo.cartOf(siteId, visitorId)).toMatchObject({ cart: { total: 20 }, updatedAt: 2_000, ga4: progress });
  });
});
