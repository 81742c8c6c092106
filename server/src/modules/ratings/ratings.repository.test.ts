import { expect, it } from 'vitest';
import type { RatingInfo } from '@mostrador/shared';
import { andThen, committerFor } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import { GroupCommit } from '../../db/group-commit.ts';
import { committerOn, describeOnEngines, insertConversation, insertCustomer, insertSite, insertVisitor } from '../../testing/engines.ts';
import type { SubjectScope } from '../privacy/index.ts';
import { createRatingsModule, ratingsRepository } from './ratings.module.ts';
import type { NpsRow, RatingRow } from './ratings.repository.ts';
import { NPS_INTERVAL_MS, type FeedbackSettings, type RatedConversation } from './ratings.service.ts';

const rating = (siteId: string, conversationId: string, visitorId: string, round: number, extra: Partial<RatingRow> = {}): RatingRow => ({
  id: `rat-${conversationId}-${round}-${extra.score ?? 5}`,
  siteId,
  conversationId,
  visitorId,
  round,
  score: 5,
  comment: null,
  createdAt: round,
  ...extra,
});

let answers = 0;
const answer = (siteId: string, visitorId: string, createdAt: number, customerId: string | null = null, score = 9): NpsRow => ({
  id: `nps-${++answers}`,
  siteId,
  visitorId,
  customerId,
  score,
  createdAt,
});

/** Sites a and b; conversation c1 (visitor-c1) and c2 (visitor-c2) on a, c3 (visitor-c3) on b. */
async function twoShops(engine: Engine): Promise<void> {
  await insertSite(engine, 'site-a');
  await insertSite(engine, 'site-b');
  await insertConversation(engine, 'site-a', 'c1');
  await insertConversation(engine, 'site-a', 'c2');
  await insertConversation(engine, 'site-b', 'c3');
}

const scope = (siteId: string, visitorIds: string[], customerIds: string[] = []): SubjectScope => ({
  siteId,
  subject: { kind: 'visitor', id: visitorIds[0] ?? '' },
  visitorIds,
  customerIds,
});

describeOnEngines('the ratings repository', (engine) => {
  it('writes one rating per conversation, or one per ending when the site asks again', async () => {
    await twoShops(engine());
    const repo = ratingsRepository(engine());
    const committer = committerOn(engine());
    const write = (row: RatingRow, perRound: boolean) => committer.run((tx) => repo.insertRatingInTx(tx, row, perRound));
    const stored = async (siteId: string) =>
      (await repo.subjectRows(siteId, ['visitor-c1'])).conversation_ratings.map((r) => [r.round, r.score]).sort((a, b) => a[0]! - b[0]!);

    expect(await write(rating('site-a', 'c1', 'visitor-c1', 100), false)).toBe(true);
    // A second ending, asked once per conversation: refused; asked again: written; the same ending twice: refused.
    expect(await write(rating('site-a', 'c1', 'visitor-c1', 200, { score: 2 }), false)).toBe(false);
    expect(await write(rating('site-a', 'c1', 'visitor-c1', 200, { score: 2 }), true)).toBe(true);
    expect(await write(rating('site-a', 'c1', 'visitor-c1', 200, { score: 3 }), true)).toBe(false);
    expect(await stored('site-a')).toEqual([
      [100, 5],
      [200, 2],
    ]);
    // Another site reads none of them.
    expect(await stored('site-b')).toEqual([]);
  });

  it('keeps one rating when two arrive for the same conversation at once', async () => {
    await twoShops(engine());
    const repo = ratingsRepository(engine());
    // Two committers: on PostgreSQL two transactions side by side, as two nodes would run them.
    const both = await Promise.all(
      [1, 2].map((score) =>
        committerOn(engine()).run((tx) => repo.insertRatingInTx(tx, rating('site-a', 'c2', 'visitor-c2', 100, { score }), false)),
      ),
    );
    expect(both.filter(Boolean)).toHaveLength(1);
    const perRound = await Promise.all(
      [3, 4].map((score) =>
        committerOn(engine()).run((tx) => repo.insertRatingInTx(tx, rating('site-a', 'c2', 'visitor-c2', 200, { score }), true)),
      ),
    );
    expect(perRound.filter(Boolean)).toHaveLength(1);
  });

  it('writes an NPS answer unless the visitor, or the same customer on another device, answered since', async () => {
    await twoShops(engine());
    await insertVisitor(engine(), 'site-a', 'phone');
    await insertCustomer(engine(), 'site-a', 'cus-1');
    const repo = ratingsRepository(engine());
    const committer = committerOn(engine());
    const write = (row: NpsRow, since: number) => committer.run((tx) => repo.insertNpsInTx(tx, row, since));
    expect(await write(answer('site-a', 'visitor-c1', 1_000, 'cus-1', 10), 0)).toBe(true);
    expect(await write(answer('site-a', 'visitor-c1', 2_000), 999)).toBe(false);
    expect(await write(answer('site-a', 'phone', 2_000, 'cus-1', 3), 999)).toBe(false);
    // Since exactly then: the earlier answer no longer counts.
    expect(await write(answer('site-a', 'phone', 2_000, 'cus-1', 3), 1_000)).toBe(true);
    // Another visitor, and another site, are not held back.
    expect(await write(answer('site-a', 'visitor-c2', 2_500, null, 7), 0)).toBe(true);
    expect(await write(answer('site-b', 'visitor-c3', 2_600, null, 0), 0)).toBe(true);

    expect(await repo.npsScores('site-a', 0, 10_000)).toEqual(expect.arrayContaining([10, 3, 7]));
    expect((await repo.npsScores('site-a', 0, 10_000)).length).toBe(3);
    expect(await repo.npsScores('site-a', 1_000, 2_000)).toEqual([10]);
    expect(await repo.npsScores('site-b', 0, 10_000)).toEqual([0]);
    expect(await repo.npsAnswersSince(1_000)).toEqual([
      { siteId: 'site-a', visitorId: 'phone', customerId: 'cus-1', createdAt: 2_000 },
      { siteId: 'site-a', visitorId: 'visitor-c2', customerId: null, createdAt: 2_500 },
      { siteId: 'site-b', visitorId: 'visitor-c3', customerId: null, createdAt: 2_600 },
    ]);
  });

  it('keeps one NPS answer when a visitor and the same customer’s other device answer at once', async () => {
    await twoShops(engine());
    await insertVisitor(engine(), 'site-a', 'phone');
    await insertCustomer(engine(), 'site-a', 'cus-1');
    const repo = ratingsRepository(engine());
    const written = await Promise.all(
      ['visitor-c1', 'phone', 'visitor-c1'].map((visitorId) =>
        committerOn(engine()).run((tx) => repo.insertNpsInTx(tx, answer('site-a', visitorId, 5_000, 'cus-1'), 0)),
      ),
    );
    expect(written.filter(Boolean)).toHaveLength(1);
  });
});

describeOnEngines('the ratings’ personal data', (engine) => {
  async function filled() {
    await twoShops(engine());
    const repo = ratingsRepository(engine());
    const committer = committerOn(engine());
    await committer.run((tx) => repo.insertRatingInTx(tx, rating('site-a', 'c1', 'visitor-c1', 100, { comment: 'Gràcies' }), false));
    await committer.run((tx) => repo.insertRatingInTx(tx, rating('site-a', 'c2', 'visitor-c2', 150), false));
    await committer.run((tx) => repo.insertRatingInTx(tx, rating('site-b', 'c3', 'visitor-c3', 120), false));
    for (const row of [answer('site-a', 'visitor-c1', 110), answer('site-a', 'visitor-c2', 160), answer('site-b', 'visitor-c3', 130)]) {
      await committer.run((tx) => repo.insertNpsInTx(tx, row, 0));
    }
    return { repo, committer };
  }

  it('exports and erases the subject’s rows on its site only, with the erasure’s step or not at all', async () => {
    const { repo, committer } = await filled();
    const exported = await repo.subjectRows('site-a', ['visitor-c1']);
    expect(exported.conversation_ratings).toEqual([rating('site-a', 'c1', 'visitor-c1', 100, { comment: 'Gràcies' })]);
    expect(exported.nps_responses.map((r) => [r.visitorId, r.createdAt])).toEqual([['visitor-c1', 110]]);
    // Another site's scope finds and erases nothing of site a's.
    expect(await repo.subjectRows('site-b', ['visitor-c1'])).toEqual({ conversation_ratings: [], nps_responses: [] });
    expect(await committer.run((tx) => repo.eraseSubjectInTx(tx, 'site-b', ['visitor-c1']))).toBe(0);

    // A step that fails after the erasure leaves the rows.
    const failed = committer.run((tx) =>
      andThen(repo.eraseSubjectInTx(tx, 'site-a', ['visitor-c1']), () => {
        throw new Error('refused');
      }),
    );
    await expect(failed).rejects.toThrow('refused');
    expect((await repo.subjectRows('site-a', ['visitor-c1'])).conversation_ratings).toHaveLength(1);

    expect(await committer.run((tx) => repo.eraseSubjectInTx(tx, 'site-a', ['visitor-c1']))).toBe(2);
    expect(await repo.subjectRows('site-a', ['visitor-c1'])).toEqual({ conversation_ratings: [], nps_responses: [] });
    expect((await repo.subjectRows('site-a', ['visitor-c2'])).conversation_ratings).toHaveLength(1);
    expect((await repo.subjectRows('site-b', ['visitor-c3'])).nps_responses).toHaveLength(1);
  });

  it('purges rows older than the cutoff in batches of the limit, ratings first, on the asked site only', async () => {
    const { repo, committer } = await filled();
    const purge = (cutoff: number, limit: number) => committer.run((tx) => repo.purgeOlderThanInTx(tx, 'site-a', cutoff, limit));
    // Older than 155: ratings at 100 and 150, the answer at 110 (the answer at 160 stays).
    expect(await purge(155, 2)).toBe(2);
    expect(await repo.npsScores('site-a', 0, 1_000)).toHaveLength(2);
    expect(await purge(155, 2)).toBe(1);
    expect(await purge(155, 2)).toBe(0);
    expect((await repo.subjectRows('site-a', ['visitor-c1', 'visitor-c2'])).nps_responses.map((r) => r.createdAt)).toEqual([160]);
    expect((await repo.subjectRows('site-a', ['visitor-c1', 'visitor-c2'])).conversation_ratings).toEqual([]);
    expect(await repo.subjectRows('site-b', ['visitor-c3'])).toMatchObject({
      conversation_ratings: [expect.objectContaining({ round: 120 })],
      nps_responses: [expect.objectContaining({ createdAt: 130 })],
    });
  });
});

describeOnEngines('the ratings service', (engine) => {
  it('rates an ended conversation once, asks NPS again after 90 days, and forgets an erased visitor’s answer', async () => {
    await twoShops(engine());
    const clock = { now: 1_700_000_000_000 };
    const settings: FeedbackSettings = { ratingEnabled: true, ratingAskAgain: false, npsEnabled: true };
    const conversation: RatedConversation = {
      id: 'c1',
      siteId: 'site-a',
      visitorId: 'visitor-c1',
      visitorLabel: 'c1',
      status: 'closed',
      closedAt: clock.now,
    };
    const told: number[] = [];
    const kept: Array<[string, RatingInfo]> = [];
    const deps = {
      engine: engine(),
      ...(engine().kind === 'sqlite' && { groupCommit: new GroupCommit((engine() as Extract<Engine, { kind: 'sqlite' }>).db.$client) }),
      ports: {
        conversationInTx: (_tx: unknown, siteId: string, id: string) => (siteId === 'site-a' && id === 'c1' ? conversation : undefined),
        ratedInTx: (_tx: unknown, rated: RatedConversation, info: RatingInfo) => void kept.push([rated.id, info]),
        settings: () => settings,
        customerOf: () => null,
        rated: async (_c: RatedConversation, info: { score: number }) => {
          told.push(info.score);
        },
        now: () => clock.now,
      },
    };
    const { ratings, personalData } = await createRatingsModule(deps);
    expect((await ratings.rate('site-a', 'visitor-c1', { conversationId: 'c1', score: 4 })).ok).toBe(true);
    const again = await ratings.rate('site-a', 'visitor-c1', { conversationId: 'c1', score: 1 });
    expect(again.ok ? null : again.error.code).toBe('conflict');
    const foreign = await ratings.rate('site-a', 'visitor-c2', { conversationId: 'c1', score: 1 });
    expect(foreign.ok ? null : foreign.error.code).toBe('not_found');
    expect(told).toEqual([4]);
    // The conversation was handed the one rating written, in its step.
    expect(kept).toEqual([['c1', { score: 4, comment: null, createdAt: clock.now }]]);

    expect((await ratings.answerNps('site-a', 'visitor-c1', 10)).ok).toBe(true);
    expect(ratings.npsDue('site-a', 'visitor-c1')).toBe(false);
    // A new process remembers the answer from the table.
    const restarted = await createRatingsModule(deps);
    expect(restarted.ratings.npsDue('site-a', 'visitor-c1')).toBe(false);
    expect(restarted.ratings.npsDue('site-a', 'visitor-c2')).toBe(true);
    expect(await restarted.ratings.npsReport('site-a')).toMatchObject({ responses: 1, nps: 100 });
    clock.now += NPS_INTERVAL_MS;
    expect(restarted.ratings.npsDue('site-a', 'visitor-c1')).toBe(true);
    clock.now -= NPS_INTERVAL_MS;

    // Erased: the rows go, and the widget may ask again.
    const source = personalData();
    const subject = scope('site-a', ['visitor-c1']);
    expect(await committerFor(deps.engine, deps.groupCommit).run((tx) => source.eraseInTx(tx, subject))).toBe(2);
    source.afterErase?.(subject);
    expect(ratings.npsDue('site-a', 'visitor-c1')).toBe(true);
    expect(await source.exportRows(subject)).toEqual({ conversation_ratings: [], nps_responses: [] });
  });
});
