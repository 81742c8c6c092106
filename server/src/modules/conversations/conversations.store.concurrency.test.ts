import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { runStep, step, type StepBody, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { committerOn, describeOnEngines, insertVisitor } from '../../testing/engines.ts';
import { agentSays, conversation, insertAll, note, type StoreFixture, twoShops, visitorSays } from './conversations.store-fixture.ts';
import type { ConversationRow } from './conversations.types.ts';

/*
 * What must hold when several nodes write at once. Each write is a committed
 * step of its own, from a committer of its own, all fired together: on
 * PostgreSQL, transactions side by side on separate connections, as two
 * nodes would run them; on SQLite, group commits taking turns on the one
 * writer.
 */

/** A routing decision as routing.service makes one: under the site's lock, read the loads, claim only if the agent has room. */
function* route(f: StoreFixture, tx: Tx, siteId: string, conversationId: string, agentId: string): StepBody<ConversationRow | undefined> {
  yield* step(f.store.lockRoutingInTx(tx, siteId));
  const loads = yield* step(f.store.loadsInTx(tx, siteId));
  if ((loads.get(agentId) ?? 0) >= 1) return undefined;
  return yield* step(f.store.claimInTx(tx, siteId, conversationId, agentId));
}

/** Resolves once another session of the test's database waits for an advisory lock. */
async function someoneWaitsOnALock(db: PgDb): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    const { rows } = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
          and database = (select oid from pg_database where datname = current_database())`,
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('nobody waited on the lock');
}

describeOnEngines('the conversations store, written at once', (engine) => {
  it('numbers 20 events written at once to one conversation 1 to 20, with no gap and no seq twice, in both logs', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [conversation('c1', 'site-a', 'va1')]);
    const writes = Array.from({ length: 20 }, (_, i) =>
      committerOn(engine()).run((tx) => {
        if (i % 3 === 0) return f.store.appendVisitorMessageInTx(tx, 'site-a', 'va1', visitorSays('va1', `v${i}`, 100 + i));
        if (i % 3 === 1) return f.store.appendAgentMessageInTx(tx, 'site-a', 'c1', agentSays('ann', `a${i}`, 100 + i));
        return f.store.appendInTx(tx, 'site-a', 'c1', note('ann', `n${i}`, 100 + i));
      }),
    );
    const stored = await Promise.all(writes);
    const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(stored.map((s) => s?.event.seq).sort((a = 0, b = 0) => a - b)).toEqual(oneToN(20));
    const events = await f.store.eventsAfter('site-a', 'c1', 0, 100);
    expect(events.map((e) => e.seq)).toEqual(oneToN(20));
    // The notes (6 of them) have no visitor seq; the 14 messages number 1 to 14 in the order of their seq.
    expect(events.flatMap((e) => (e.visitorSeq === null ? [] : [e.visitorSeq]))).toEqual(oneToN(14));
    expect(await f.store.byId('site-a', 'c1')).toMatchObject({ lastSeq: 20, lastVisitorSeq: 14 });
  });

  it('gives a conversation claimed twice at once to exactly one agent', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [conversation('c1', 'site-a', 'va1')]);
    const claims = await Promise.all(
      ['ann', 'bob'].map((agentId) => committerOn(engine()).run((tx) => f.store.claimInTx(tx, 'site-a', 'c1', agentId))),
    );
    const won = claims.filter((row) => row !== undefined);
    expect(won).toHaveLength(1);
    expect((await f.store.byId('site-a', 'c1'))?.assigneeId).toBe(won[0]?.assigneeId);
  });

  it('stores one of two open conversations begun at once for one visitor, and refuses the other', async () => {
    const f = await twoShops(engine());
    const outcomes = await Promise.allSettled(
      ['c1', 'c2'].map((id) => committerOn(engine()).run((tx) => f.store.insertInTx(tx, conversation(id, 'site-a', 'va1')))),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const stored = await f.store.byVisitors('site-a', ['va1'], 10);
    expect(stored).toHaveLength(1);
    expect((await f.store.openForVisitor('site-a', 'va1'))?.id).toBe(stored[0]?.id);
  });

  it('hands an agent of capacity 1 one chat when two routing steps decide at once (on PostgreSQL the second waits on the site’s lock)', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [conversation('c1', 'site-a', 'va1'), conversation('c2', 'site-a', 'va2')]);
    const routed = await Promise.all(
      ['c1', 'c2'].map((id) => committerOn(engine()).run((tx) => runStep(tx, route(f, tx, 'site-a', id, 'ann')))),
    );
    expect(routed.filter((row) => row !== undefined)).toHaveLength(1);
    expect([...(await f.store.loads('site-a'))]).toEqual([['ann', 1]]);

    const e = engine();
    if (e.kind !== 'postgres') return; // SQLite has one writer: nothing runs between a step's read and its claim.
    await insertVisitor(e, 'site-a', 'va4');
    await insertVisitor(e, 'site-b', 'vb2');
    await insertAll(f, [
      conversation('c3', 'site-a', 'va3'),
      conversation('c4', 'site-a', 'va4'),
      conversation('b1', 'site-b', 'vb1'),
      conversation('b2', 'site-b', 'vb2'),
    ]);

    // The proof: the first step holds the lock past its read until the second is seen waiting for it, then claims.
    let locked!: () => void;
    const firstHoldsTheLock = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const first = committerOn(e).run(async (tx) => {
      await f.store.lockRoutingInTx(tx, 'site-a');
      const loads = await f.store.loadsInTx(tx, 'site-a');
      locked();
      await someoneWaitsOnALock(e.db);
      return (loads.get('bob') ?? 0) >= 1 ? undefined : f.store.claimInTx(tx, 'site-a', 'c3', 'bob');
    });
    await firstHoldsTheLock;
    const second = committerOn(e).run((tx) => runStep(tx, route(f, tx, 'site-a', 'c4', 'bob')));
    expect((await first)?.assigneeId).toBe('bob');
    expect(await second).toBeUndefined();

    // And the control: the same two decisions without the lock both read an idle agent, and both claim.
    let arrived = 0;
    let bothRead!: () => void;
    const readByBoth = new Promise<void>((resolve) => {
      bothRead = resolve;
    });
    const unlocked = await Promise.all(
      ['b1', 'b2'].map((id) =>
        committerOn(e).run(async (tx) => {
          const loads = await f.store.loadsInTx(tx, 'site-b');
          if (++arrived === 2) bothRead();
          await readByBoth;
          return (loads.get('cat') ?? 0) >= 1 ? undefined : f.store.claimInTx(tx, 'site-b', id, 'cat');
        }),
      ),
    );
    expect(unlocked.filter((row) => row !== undefined)).toHaveLength(2);
  });
});
