import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { committerOn, describeOnEngines, insertSite } from '../testing/engines.ts';
import { inOrder, now, pgTx, SQLITE_TX, thenInTx, type Tx } from './committer.ts';
import type { Engine } from './engine.ts';
import { sites as pgSites } from './pg/schema/index.ts';
import { sites } from './schema.ts';

/** Renames a site inside the step's transaction, as a repository's `…InTx` method would. */
function renameInTx(engine: Engine, tx: Tx, id: string, name: string) {
  if (tx.kind === 'sqlite' && engine.kind === 'sqlite') return engine.db.update(sites).set({ name }).where(eq(sites.id, id)).run().changes;
  if (tx.kind === 'postgres')
    return tx.db
      .update(pgSites)
      .set({ name })
      .where(eq(pgSites.id, id))
      .then((r) => r.rowCount ?? 0);
  throw new Error('engine and transaction differ');
}

async function nameOf(engine: Engine, id: string): Promise<string | undefined> {
  if (engine.kind === 'sqlite') return engine.db.select().from(sites).where(eq(sites.id, id)).get()?.name;
  const [row] = await engine.db.select().from(pgSites).where(eq(pgSites.id, id));
  return row?.name;
}

describeOnEngines('Committer', (engine) => {
  it('commits the writes of one step together, and settles with its value after the commit', async () => {
    await insertSite(engine(), 'a');
    await insertSite(engine(), 'b');
    const changed = await committerOn(engine()).run((tx) => inOrder(tx, ['a', 'b'], (id) => renameInTx(engine(), tx, id, `Renamed ${id}`)));
    expect(changed).toEqual([1, 1]);
    expect(await nameOf(engine(), 'a')).toBe('Renamed a');
    expect(await nameOf(engine(), 'b')).toBe('Renamed b');
  });

  it('rolls back every write of a step that fails, and rejects with its error', async () => {
    await insertSite(engine(), 'a');
    const failing = committerOn(engine()).run((tx) =>
      inOrder(tx, ['a', 'boom'], (id) => {
        if (id === 'boom') throw new Error('refused');
        return renameInTx(engine(), tx, id, 'Renamed');
      }),
    );
    await expect(failing).rejects.toThrow('refused');
    expect(await nameOf(engine(), 'a')).toBe('Shop a');
  });

  it('runs the items of a step one after another, in order; on SQLite an item may not wait', async () => {
    const seen: string[] = [];
    const step = committerOn(engine()).run((tx) =>
      inOrder(tx, ['1', '2', '3'], async (id) => {
        await new Promise((resolve) => setTimeout(resolve, id === '1' ? 20 : 0));
        seen.push(id);
      }),
    );
    if (engine().kind === 'sqlite') {
      await expect(step).rejects.toThrow('returned a promise');
    } else {
      await step;
      expect(seen).toEqual(['1', '2', '3']);
    }
  });
});

it('refuses a promise where a SQLite step must have its value', () => {
  expect(now(3)).toBe(3);
  expect(() => now(Promise.resolve(3))).toThrow('returned a promise');
});

it('chains a step’s calls at once on SQLite values, and after the promise (or drizzle’s thenable query) on PostgreSQL ones', async () => {
  expect(thenInTx(2, (n) => n + 1)).toBe(3);
  await expect(thenInTx(Promise.resolve(2), (n) => n + 1)).resolves.toBe(3);
  const query: PromiseLike<number> = { then: (resolve, reject) => Promise.resolve(2).then(resolve, reject) };
  await expect(thenInTx(query as Promise<number>, (n) => n + 1)).resolves.toBe(3);
});

it('refuses a SQLite transaction where a PostgreSQL repository needs its own', () => {
  expect(() => pgTx(SQLITE_TX)).toThrow('handed a SQLite transaction');
});
