import { describe, expect, it } from 'vitest';
import { InsertBatch } from './insert-batch.ts';

describe('the batched inserts', () => {
  it('writes the rows of one turn together, and the next turn’s only after the batch under way', async () => {
    const written: number[][] = [];
    let release: () => void = () => undefined;
    const batch = new InsertBatch<number>(async (rows) => {
      // The first batch is slow: the second must wait for it, not overtake it.
      if (written.length === 0) await new Promise<void>((resolve) => (release = resolve));
      written.push(rows);
    });
    const first = [batch.add(1), batch.add(2)];
    await new Promise((resolve) => setImmediate(resolve));
    const second = [batch.add(3)];
    await new Promise((resolve) => setImmediate(resolve));
    const third = [batch.add(4)];
    release();
    await Promise.all([...first, ...second, ...third]);
    expect(written).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('writes each row alone when a batch is refused, so only the bad one fails', async () => {
    const written: number[] = [];
    const batch = new InsertBatch<number>(async (rows) => {
      if (rows.includes(-1)) throw new Error('refused');
      written.push(...rows);
    });
    const settled = await Promise.allSettled([batch.add(1), batch.add(-1), batch.add(2)]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(written).toEqual([1, 2]);
    await expect(batch.add(-1)).rejects.toThrow('refused');
  });
});
