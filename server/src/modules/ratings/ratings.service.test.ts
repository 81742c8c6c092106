import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RatingInfo } from '@mostrador/shared';
import { buildTestApp, sqlOn } from '../../testing/harness.ts';
import { ratingsRepository } from './ratings.module.ts';
import { NPS_INTERVAL_MS, RatingsService, type FeedbackSettings, type RatedConversation } from './ratings.service.ts';

let built: Awaited<ReturnType<typeof buildTestApp>>;
beforeEach(async () => {
  built = await buildTestApp();
});
afterEach(async () => built.cleanup());

/** The service over the real repository, with a clock, a conversation and settings the test moves by hand. */
async function harness() {
  const { app } = built;
  const site = await app.services.sites.create({ name: 'Shop', allowedOrigins: [] });
  const visitor = (await app.services.visitors.create(site.id, undefined)).visitor;
  const phone = (await app.services.visitors.create(site.id, undefined)).visitor;
  const clock = { now: 1_700_000_000_000 };
  const settings: FeedbackSettings = { ratingEnabled: true, ratingAskAgain: false, npsEnabled: true };
  const conversation: RatedConversation = {
    id: 'cnv_servicetest000001',
    siteId: site.id,
    visitorId: visitor.id,
    visitorLabel: 'Visitor 1',
    status: 'closed',
    closedAt: clock.now,
  };
  const customers = new Map<string, string>();
  const told: number[] = [];
  /** The latest rating the conversation was handed in a rating's step, as its row keeps it. */
  const onRow = new Map<string, RatingInfo>();
  const service = new RatingsService(ratingsRepository(app.engine), app.committer, {
    conversationInTx: (_tx, siteId, id) => (siteId === site.id && id === conversation.id ? conversation : undefined),
    ratedInTx: (_tx, rated, rating) => void onRow.set(rated.id, rating),
    settings: (siteId) => (siteId === site.id ? settings : undefined),
    customerOf: (_siteId, visitorId) => customers.get(visitorId) ?? null,
    rated: async (_c, rating) => {
      told.push(rating.score);
    },
    now: () => clock.now,
  });
  await service.load();
  return { site, visitor, phone, clock, settings, conversation, customers, told, onRow, service };
}

describe('ratings', () => {
  it('rates each ending once when the site asks again after a reopen, and only once per conversation when it does not', async () => {
    const { site, visitor, clock, settings, conversation, told, onRow, service } = await harness();
    expect((await service.rate(site.id, visitor.id, { conversationId: conversation.id, score: 5 })).ok).toBe(true);

    // Reopened and ended again: asked once per conversation, the second ending is not rated.
    conversation.status = 'open';
    clock.now += 60_000;
    conversation.status = 'closed';
    conversation.closedAt = clock.now;
    const once = await service.rate(site.id, visitor.id, { conversationId: conversation.id, score: 2 });
    expect(once.ok ? null : once.error.code).toBe('conflict');

    settings.ratingAskAgain = true;
    expect(await service.rate(site.id, visitor.id, { conversationId: conversation.id, score: 2, comment: '' })).toEqual({
      ok: true,
      data: { score: 2, comment: null, createdAt: clock.now },
    });
    const sameEnding = await service.rate(site.id, visitor.id, { conversationId: conversation.id, score: 3 });
    expect(sameEnding.ok ? null : sameEnding.error.code).toBe('conflict');
    expect(told).toEqual([5, 2]);
    expect(onRow.get(conversation.id)).toMatchObject({ score: 2 });
  });

  it('counts a resolved conversation as ended, like a closed one', async () => {
    const { site, visitor, conversation, service } = await harness();
    conversation.status = 'resolved';
    expect((await service.rate(site.id, visitor.id, { conversationId: conversation.id, score: 4 })).ok).toBe(true);
  });
});

describe('the NPS question', () => {
  it('is due again only after 90 days, for the visitor and for the same customer on another device', async () => {
    const { site, visitor, phone, clock, customers, service } = await harness();
    await sqlOn(built.app.engine).run(
      'INSERT INTO customers (id, site_id, external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      'cus_same',
      site.id,
      'shop-customer-1',
      clock.now,
      clock.now,
    );
    customers.set(visitor.id, 'cus_same').set(phone.id, 'cus_same');
    expect(service.npsDue(site.id, visitor.id)).toBe(true);
    expect((await service.answerNps(site.id, visitor.id, 9)).ok).toBe(true);

    clock.now += NPS_INTERVAL_MS - 1;
    expect(service.npsDue(site.id, visitor.id)).toBe(false);
    expect(service.npsDue(site.id, phone.id)).toBe(false);
    const early = await service.answerNps(site.id, phone.id, 3);
    expect(early.ok ? null : early.error.code).toBe('conflict');

    clock.now += 1;
    expect(service.npsDue(site.id, phone.id)).toBe(true);
    expect((await service.answerNps(site.id, phone.id, 3)).ok).toBe(true);
    expect(await service.npsReport(site.id)).toEqual({ responses: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 });
    // A period before the second answer holds only the first.
    expect((await service.npsReport(site.id, 0, clock.now)).nps).toBe(100);
  });

  it('is never due while the site has it off', async () => {
    const { site, visitor, settings, service } = await harness();
    settings.npsEnabled = false;
    expect(service.npsDue(site.id, visitor.id)).toBe(false);
    expect(service.widgetFeedback(site.id, visitor.id)).toEqual({ rating: true, nps: false });
  });
});
