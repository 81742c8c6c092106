import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackgroundCheckpointer } from './checkpointer.ts';
import { openDatabase, type OpenedDatabase } from './client.ts';

let dir: string;
let opened: OpenedDatabase;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mostrador-checkpoint-'));
  file = join(dir, 'db.sqlite');
  opened = openDatabase(file);
  opened.sqlite.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
});

afterEach(() => {
  if (opened.sqlite.open) opened.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

/** 2,000 commits of 4 KB each: about 8 MB of WAL if nothing ever checkpoints it. */
async function writeMany(): Promise<void> {
  const insert = opened.sqlite.prepare('INSERT INTO notes (body) VALUES (?)');
  for (let i = 0; i < 2000; i += 1) {
    insert.run('x'.repeat(4000));
    // Let the worker's timer run now and then, as the event loop would between batches.
    if (i % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

const walSize = () => statSync(`${file}-wal`).size;
const autocheckpoint = () => opened.sqlite.pragma('wal_autocheckpoint', { simple: true });

describe('the background checkpointer', () => {
  it('takes checkpoints off the writer and still keeps the WAL small', async () => {
    const checkpointer = await BackgroundCheckpointer.start(opened.sqlite, file, 10);
    expect(autocheckpoint()).toBe(0);
    await writeMany();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The writer restarts the WAL from its beginning once the worker has copied it all back.
    expect(walSize()).toBeLessThan(2 * 1024 * 1024);
    expect(opened.sqlite.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(2000);
    await checkpointer.close();
  });

  it('hands checkpoints back to the writer if the worker dies', async () => {
    await BackgroundCheckpointer.start(opened.sqlite, file, 10).then(async (checkpointer) => {
      const worker = Reflect.get(checkpointer, 'worker') as Worker;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      await worker.terminate();
      await exited;
    });
    expect(autocheckpoint()).toBe(1000);
  });
});
