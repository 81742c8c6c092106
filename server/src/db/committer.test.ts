import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { committerOn, describeOnEngines, insertSite } from '../testing/engines.ts';
import { andThen, inOrder, type InTx, now, runStep, step, type Tx } from './committer.ts';
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

/** Reads a site's name and writes it back with `suffix`, a moment later on PostgreSQL: a read-then-write two steps at once would spoil. */
function appendToNameInTx(engine: Engine, tx: Tx, id: string, suffix: string): InTx<string> {
  if (tx.kind === 'sqlite' && engine.kind === 'sqlite') {
    const name = engine.db.select().from(sites).where(eq(sites.id, id)).get()!.name + suffix;
    engine.db.update(sites).set({ name }).where(eq(sites.id, id)).run();
    return name;
  }
  if (tx.kind === 'postgres')
    return (async () => {
      const [row] = await tx.db.select().from(pgSites).where(eq(pgSites.id, id));
      await new Promise((resolve) => setTimeout(resolve, 2));
      const name = row!.name + suffix;
      await tx.db.update(pgSites).set({ name }).where(eq(pgSites.id, id));
      return name;
    })();
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

  it('commits the works of one key in the order asked, each telling of its step before the next commits', async () => {
    await insertSite(engine(), 'a');
    const committer = committerOn(engine());
    const told: string[] = [];
    const works = ['1', '2', '3', '4', '5'].map((n) =>
      committer.inOrder('site-a', async () => {
        const name = await committer.run((tx) => appendToNameInTx(engine(), tx, 'a', n));
        told.push(name);
      }),
    );
    await Promise.all(works);
    expect(await nameOf(engine(), 'a')).toBe('Shop a12345');
    expect(told).toEqual(['Shop a1', 'Shop a12', 'Shop a123', 'Shop a1234', 'Shop a12345']);
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

it('waits for an awaitable that is no Promise before going on', async () => {
  const query = { then: (resolve: (n: number) => void) => resolve(3) } as unknown as Promise<number>;
  expect(await andThen(query, (n) => n + 1)).toBe(4);
  expect(andThen(3, (n) => n + 1)).toBe(4);
});

it('refuses a promise where a SQLite step must have its value', () => {
  expect(now(3)).toBe(3);
  expect(() => now(Promise.resolve(3))).toThrow('returned a promise');
  // A drizzle query is awaitable without being a Promise: it counts as one.
  const query = { then: (resolve: (n: number) => void) => resolve(3) } as unknown as Promise<number>;
  expect(() => now(query)).toThrow('returned a promise');
});

describeOnEngines('a step written once', (engine) => {
  it('reads, decides and writes in one transaction on either engine', async () => {
    await insertSite(engine(), 'a');
    const renamed = await committerOn(engine()).run((tx) =>
      runStep(
        tx,
        (function* () {
          const before = yield* step(renameInTx(engine(), tx, 'a', 'First'));
          // A decision between two writes, in plain code.
          const second = before === 1 ? yield* step(renameInTx(engine(), tx, 'a', 'Second')) : 0;
          return before + second;
        })(),
      ),
    );
    expect(renamed).toBe(2);
    expect(await nameOf(engine(), 'a')).toBe('Second');
  });

  it('lets the body catch a write that failed, and rolls back the whole step when it does not', async () => {
    await insertSite(engine(), 'a');
    const refused = () => {
      if (engine().kind === 'sqlite') throw new Error('refused');
      return Promise.reject(new Error('refused'));
    };
    const caught = await committerOn(engine()).run((tx) =>
      runStep(
        tx,
        (function* () {
          yield* step(renameInTx(engine(), tx, 'a', 'Kept'));
          try {
            yield* step(refused());
          } catch {
            return 'caught';
          }
          return 'not caught';
        })(),
      ),
    );
    expect(caught).toBe('caught');
    expect(await nameOf(engine(), 'a')).toBe('Kept');

    const failed = committerOn(engine()).run((tx) =>
      runStep(
        tx,
        (function* () {
          yield* step(renameInTx(engine(), tx, 'a', 'Gone'));
          yield* step(refused());
        })(),
      ),
    );
    await expect(failed).rejects.toThrow('refused');
    expect(await nameOf(engine(), 'a')).toBe('Kept');
  });
});
