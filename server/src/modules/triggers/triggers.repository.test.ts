import { expect, it } from 'vitest';
import type { InTx, Tx } from '../../db/committer.ts';
import { committerOn, describeOnEngines, insertSite, insertVisitor } from '../../testing/engines.ts';
import { triggersRepository } from './triggers.module.ts';
import type { NewFiring, TriggerRuleRow } from './triggers.repository.ts';

// Past 2^31: the times must come back as the numbers written, on both engines.
const AT = 1_800_000_000_000;
const MINUTE = 60_000;

const rule = (id: string, siteId: string, position: number, extra: Partial<TriggerRuleRow> = {}): TriggerRuleRow => ({
  id,
  siteId,
  position,
  name: `Rule ${id}`,
  enabled: false,
  conditions: [
    { type: 'url', match: 'regex', pattern: '^/p/', negate: false },
    { type: 'cart_value', op: 'gte', amount: 99.5, currency: 'EUR', negate: true },
  ],
  action: { kind: 'teaser', message: 'Hola, què tal?', agentId: null, departmentId: null, tags: ['talla', 'ñ'] },
  frequency: { kind: 'every_hours', hours: 24 },
  createdAt: AT,
  updatedAt: AT,
  ...extra,
});

const firing = (siteId: string, visitorId: string, ruleId: string, firingId: string, extra: Partial<NewFiring> = {}): NewFiring => ({
  siteId,
  ruleId,
  visitorId,
  firingId,
  outcome: 'fired',
  at: AT,
  openedAt: null,
  repliedAt: null,
  conversationId: null,
  answeredAt: null,
  checkoutAt: null,
  purchaseAt: null,
  ...extra,
});

describeOnEngines('the triggers repository', (engine) => {
  /** Sites a and b, visitor va (and vb) on a, visitor vx on b. */
  async function twoShops() {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    for (const [siteId, visitorId] of [
      ['site-a', 'va'],
      ['site-a', 'vb'],
      ['site-b', 'vx'],
    ] as const)
      await insertVisitor(engine(), siteId, visitorId);
    const repo = triggersRepository(engine());
    const committer = committerOn(engine());
    const run = <T>(body: (tx: Tx) => InTx<T>) => committer.run(body);
    const store = (row: NewFiring) => run((tx) => repo.insertFiringInTx(tx, row));
    const read = (siteId: string, visitorId: string, firingId: string) => run((tx) => repo.firingInTx(tx, siteId, visitorId, firingId));
    return { repo, run, store, read };
  }

  it('adds a rule after the site’s last one up to a limit, never over it, however many nodes add at once', async () => {
    const { repo } = await twoShops();
    await repo.insert(rule('r-old', 'site-a', 4));
    await repo.insert(rule('r-b', 'site-b', 9));
    const { position: _position, ...fields } = rule('unused', 'site-a', 0);
    // Five at once (separate repositories, as on five nodes), room for two more.
    const added = await Promise.all(
      ['n1', 'n2', 'n3', 'n4', 'n5'].map((id) => triggersRepository(engine()).insertWithinLimit({ ...fields, id }, 3)),
    );
    const stored = added.filter((row) => row !== undefined);
    expect(stored).toHaveLength(2);
    expect(stored.map((row) => row.position).sort()).toEqual([5, 6]);
    const listed = await repo.list('site-a');
    expect(listed.map((row) => row.position)).toEqual([4, 5, 6]);
    // Another site's rules count for it alone.
    expect(await repo.insertWithinLimit({ ...fields, id: 'nb', siteId: 'site-b' }, 3)).toMatchObject({ position: 10 });
  });

  it('reads back rules as written, in position order per site, and every site’s at once', async () => {
    const { repo } = await twoShops();
    await repo.insert(rule('r-2', 'site-a', 2, { enabled: true }));
    await repo.insert(rule('r-1', 'site-a', 1));
    await repo.insert(rule('r-b', 'site-b', 1, { frequency: { kind: 'once_per_session' } }));
    expect(await repo.list('site-a')).toEqual([rule('r-1', 'site-a', 1), rule('r-2', 'site-a', 2, { enabled: true })]);
    expect(await repo.list('site-b')).toEqual([rule('r-b', 'site-b', 1, { frequency: { kind: 'once_per_session' } })]);
    expect(await repo.list('site-none')).toEqual([]);
    const all = await repo.all();
    expect(all.map((r) => r.id)).toEqual(['r-1', 'r-2', 'r-b']);
  });

  it('changes and deletes a site’s own rules only: another site’s id answers as a missing one', async () => {
    const { repo } = await twoShops();
    await repo.insert(rule('r-1', 'site-a', 1));
    await repo.insert(rule('r-b', 'site-b', 1));
    const action = { kind: 'open' as const, message: 'Hi', agentId: null, departmentId: null, tags: [] };
    expect(await repo.update('site-a', 'r-1', { name: 'Renamed', enabled: true, action, updatedAt: AT + 1 })).toEqual(
      rule('r-1', 'site-a', 1, { name: 'Renamed', enabled: true, action, updatedAt: AT + 1 }),
    );
    expect(await repo.update('site-a', 'r-b', { name: 'Taken' })).toBeUndefined();
    expect(await repo.update('site-a', 'r-missing', { name: 'Nothing' })).toBeUndefined();
    expect(await repo.delete('site-a', 'r-b')).toBe(false);
    expect(await repo.list('site-b')).toEqual([rule('r-b', 'site-b', 1)]);
    expect(await repo.delete('site-a', 'r-1')).toBe(true);
    expect(await repo.delete('site-a', 'r-1')).toBe(false);
    expect(await repo.list('site-a')).toEqual([]);
  });

  it('reorders a site’s rules by the ids named, leaving another site’s rule where it was', async () => {
    const { repo } = await twoShops();
    for (const [i, id] of ['r-1', 'r-2', 'r-3'].entries()) await repo.insert(rule(id, 'site-a', i + 1));
    await repo.insert(rule('r-b', 'site-b', 7));
    await repo.reorder('site-a', ['r-3', 'r-b', 'r-1', 'r-2']);
    expect((await repo.list('site-a')).map((r) => [r.id, r.position])).toEqual([
      ['r-3', 1],
      ['r-1', 3],
      ['r-2', 4],
    ]);
    expect((await repo.list('site-b')).map((r) => [r.id, r.position])).toEqual([['r-b', 7]]);
  });

  it('stores a firing once per visitor and firing id, and reads it on its own site only', async () => {
    const { store, read } = await twoShops();
    expect(await store(firing('site-a', 'va', 'r-1', 'f-1'))).toBe(true);
    // A resend: nothing changes, not even the moment.
    expect(await store(firing('site-a', 'va', 'r-2', 'f-1', { at: AT + 5 }))).toBe(false);
    // The same firing id is another visitor's own.
    expect(await store(firing('site-a', 'vb', 'r-1', 'f-1'))).toBe(true);
    expect(await read('site-a', 'va', 'f-1')).toMatchObject({ ...firing('site-a', 'va', 'r-1', 'f-1'), id: expect.any(Number) });
    expect(await read('site-b', 'va', 'f-1')).toBeUndefined();
    expect(await read('site-a', 'va', 'f-missing')).toBeUndefined();
  });

  it('stores one row when the same firing is written at once from two steps', async () => {
    const { repo, read } = await twoShops();
    // Two committers: on PostgreSQL two transactions side by side, as two nodes would run them.
    const stored = await Promise.all(
      [0, 1, 2].map((i) =>
        committerOn(engine()).run((tx) => repo.insertFiringInTx(tx, firing('site-a', 'va', `r-${i}`, 'f-same', { at: AT + i }))),
      ),
    );
    expect(stored.filter(Boolean)).toHaveLength(1);
    expect(await read('site-a', 'va', 'f-same')).toBeDefined();
    expect((await repo.report('site-a', 0)).reduce((n, row) => n + row.fired, 0)).toBe(1);
  });

  it('counts a held-back visitor once since the moment given, also when two steps count them at once', async () => {
    const { repo, run } = await twoShops();
    const held = (firingId: string, at: number, since: number, visitorId = 'va') =>
      committerOn(engine()).run((tx) =>
        repo.insertHeldBackInTx(tx, firing('site-a', visitorId, 'r-1', firingId, { outcome: 'held_back', at }), since),
      );
    expect(await held('h-1', AT, AT - 30 * MINUTE)).toBe(true);
    expect(await held('h-2', AT + MINUTE, AT + MINUTE - 30 * MINUTE)).toBe(false);
    // A fired invitation of the rule does not count as held back; another visitor is theirs.
    await run((tx) => repo.insertFiringInTx(tx, firing('site-a', 'vb', 'r-1', 'f-1', { at: AT + 2 * MINUTE })));
    expect(await held('h-3', AT + 2 * MINUTE, AT, 'vb')).toBe(true);
    // Since after the first: counted again.
    expect(await held('h-4', AT + 40 * MINUTE, AT + 1)).toBe(true);
    const atOnce = await Promise.all(['h-5', 'h-6', 'h-7'].map((id) => held(id, AT + 90 * MINUTE, AT + 60 * MINUTE)));
    expect(atOnce.filter(Boolean)).toHaveLength(1);
    expect(await repo.report('site-a', 0)).toEqual([expect.objectContaining({ ruleId: 'r-1', fired: 1, heldBack: 4 })]);
  });

  it('gives when each rule last fired for the visitor: invitations shown only, on the site only', async () => {
    const { repo, store } = await twoShops();
    await store(firing('site-a', 'va', 'r-1', 'f-1', { at: AT }));
    await store(firing('site-a', 'va', 'r-1', 'f-2', { at: AT + 3 * MINUTE }));
    await store(firing('site-a', 'va', 'r-2', 'f-3', { at: AT + MINUTE }));
    await store(firing('site-a', 'va', 'r-3', 'h-1', { at: AT + 9 * MINUTE, outcome: 'held_back' }));
    await store(firing('site-a', 'vb', 'r-1', 'f-4', { at: AT + 10 * MINUTE }));
    expect(await repo.lastFirings('site-a', 'va')).toEqual({ 'r-1': AT + 3 * MINUTE, 'r-2': AT + MINUTE });
    expect(await repo.lastFirings('site-b', 'va')).toEqual({});
    expect(await repo.lastFirings('site-a', 'nobody')).toEqual({});
  });

  it('marks what followed a firing: the first opening, a reply, the first answer, checkout and purchase', async () => {
    const { repo, run, store, read } = await twoShops();
    await store(firing('site-a', 'va', 'r-1', 'f-1'));
    await store(firing('site-a', 'va', 'r-1', 'f-2', { at: AT + 10 * MINUTE }));
    await run((tx) => repo.markOpenedInTx(tx, 'site-a', 'va', 'f-1', AT + 1));
    await run((tx) => repo.markOpenedInTx(tx, 'site-a', 'va', 'f-1', AT + 2));
    await run((tx) => repo.markOpenedInTx(tx, 'site-b', 'va', 'f-2', AT + 3));
    expect(await read('site-a', 'va', 'f-1')).toMatchObject({ openedAt: AT + 1 });
    expect(await read('site-a', 'va', 'f-2')).toMatchObject({ openedAt: null });

    // A reply opens what was not opened yet, and keeps an earlier opening.
    await run((tx) => repo.markRepliedInTx(tx, 'site-a', 'va', 'f-1', 'cnv-1', AT + 20));
    await run((tx) => repo.markRepliedInTx(tx, 'site-a', 'va', 'f-2', 'cnv-2', AT + 21));
    await run((tx) => repo.markRepliedInTx(tx, 'site-b', 'va', 'f-2', 'cnv-x', AT + 22));
    expect(await read('site-a', 'va', 'f-1')).toMatchObject({ openedAt: AT + 1, repliedAt: AT + 20, conversationId: 'cnv-1' });
    expect(await read('site-a', 'va', 'f-2')).toMatchObject({ openedAt: AT + 21, repliedAt: AT + 21, conversationId: 'cnv-2' });

    await run((tx) => repo.markAnsweredInTx(tx, 'site-b', 'cnv-1', AT + 29));
    await run((tx) => repo.markAnsweredInTx(tx, 'site-a', 'cnv-1', AT + 30));
    await run((tx) => repo.markAnsweredInTx(tx, 'site-a', 'cnv-1', AT + 31));
    expect(await read('site-a', 'va', 'f-1')).toMatchObject({ answeredAt: AT + 30 });
    expect(await read('site-a', 'va', 'f-2')).toMatchObject({ answeredAt: null });

    // Checkout counts for the firings since the moment given, once each; another site's visitor is untouched.
    const convert = (siteId: string, stage: 'checkout' | 'purchase', at: number, since: number) =>
      run((tx) => repo.markConversionInTx(tx, siteId, 'va', stage, at, since));
    expect(await convert('site-b', 'checkout', AT + 40, 0)).toBe(0);
    expect(await convert('site-a', 'checkout', AT + 40, AT + 10 * MINUTE)).toBe(1);
    expect(await convert('site-a', 'checkout', AT + 41, 0)).toBe(1);
    expect(await convert('site-a', 'checkout', AT + 42, 0)).toBe(0);
    expect(await convert('site-a', 'purchase', AT + 50, 0)).toBe(2);
    expect(await read('site-a', 'va', 'f-1')).toMatchObject({ checkoutAt: AT + 41, purchaseAt: AT + 50 });
    expect(await read('site-a', 'va', 'f-2')).toMatchObject({ checkoutAt: AT + 40, purchaseAt: AT + 50 });
  });

  it('reports each rule’s counts over the site’s firings since a moment, as numbers', async () => {
    const { repo, store } = await twoShops();
    await store(firing('site-a', 'va', 'r-1', 'f-old', { at: AT - 1 }));
    await store(firing('site-a', 'va', 'r-1', 'f-1', { openedAt: AT, repliedAt: AT, conversationId: 'c', answeredAt: AT }));
    await store(firing('site-a', 'vb', 'r-1', 'f-2', { openedAt: AT, checkoutAt: AT, purchaseAt: AT }));
    await store(firing('site-a', 'vb', 'r-1', 'h-1', { outcome: 'held_back', checkoutAt: AT }));
    await store(firing('site-a', 'va', 'r-2', 'h-2', { outcome: 'held_back' }));
    await store(firing('site-b', 'vx', 'r-1', 'f-x', { openedAt: AT }));
    const rows = await repo.report('site-a', AT);
    const zero = { fired: 0, opened: 0, replied: 0, chats: 0, checkouts: 0, purchases: 0, heldBack: 0, heldBackCheckouts: 0 };
    expect([...rows].sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1))).toEqual([
      { ...zero, ruleId: 'r-1', fired: 2, opened: 2, replied: 1, chats: 1, checkouts: 1, purchases: 1, heldBack: 1, heldBackCheckouts: 1 },
      { ...zero, ruleId: 'r-2', heldBack: 1 },
    ]);
    expect(await repo.report('site-a', AT + 1)).toEqual([]);
    expect(await repo.report('site-b', 0)).toEqual([{ ...zero, ruleId: 'r-1', fired: 1, opened: 1 }]);
  });
});
