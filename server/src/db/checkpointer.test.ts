import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
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
  opened.sqlite.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE TABLE ticks (id INTEGER PRIMARY KEY)');
});

afterEach(() => {
  if (opened.sqlite.open) opened.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The WAL header's checkpoint sequence number: the writer bumps it each time
 * it restarts the WAL from its beginning, which it may only do once a
 * checkpoint has copied the whole WAL back. Reading it checkpoints nothing.
 */
function walRestarts(): number {
  const fd = openSync(`${file}-wal`, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.readUInt32BE(12);
  } finally {
    closeSync(fd);
  }
}

/**
 * 2,000 commits of 4 KB each: about 8 MB of WAL if nothing ever checkpoints
 * it. After every 100 commits the writer waits, as the event loop would
 * between batches, until the worker's checkpoint has let the WAL restart:
 * waiting for that fact, not for a fixed time, keeps the test true on a busy
 * machine where the worker thread may not run for a while.
 */
async function writeMany(): Promise<void> {
  const insert = opened.sqlite.prepare('INSERT INTO notes (body) VALUES (?)');
  const tick = opened.sqlite.prepare('INSERT INTO ticks DEFAULT VALUES');
  for (let i = 0; i < 2000; i += 1) {
    insert.run('x'.repeat(4000));
    if (i % 100 !== 99) continue;
    const before = walRestarts();
    const deadline = Date.now() + 60_000;
    while (walRestarts() === before) {
      if (Date.now() > deadline) throw new Error('the worker never checkpointed the WAL');
      await new Promise((resolve) => setTimeout(resolve, 5));
      // A restart happens at the start of a write: a one-row write gives it the chance.
      tick.run();
    }
  }
}

const walSize = () => statSync(`${file}-wal`).size;
const autocheckpoint = () => opened.sqlite.pragma('wal_autocheckpoint', { simple: true });

describe('the background checkpointer', () => {
  it('takes checkpoints off the writer and still keeps the WAL small', async () => {
    const checkpointer = await BackgroundCheckpointer.start(opened.sqlite, file, 10);
    expect(autocheckpoint()).toBe(0);
    await writeMany();
    // The writer restarted the WAL from its beginning each time the worker had copied it all back.
    expect(walSize()).toBeLessThan(2 * 1024 * 1024);
    expect(opened.sqlite.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(2000);
    await checkpointer.close();
    // 2,000 commits with synchronous=FULL: under heavy load on 2 cores this alone took 15 s.
  }, 90_000);

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
